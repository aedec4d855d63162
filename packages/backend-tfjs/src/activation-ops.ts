import type { ActivationName } from "@rpf/core";
import { GELU_TANH } from "@rpf/core/backend";
import * as tf from "@tensorflow/tfjs-core";

const { scale: GELU_SCALE, cubic: GELU_CUBIC } = GELU_TANH;

export function activate(name: ActivationName, z: tf.Tensor): tf.Tensor {
  switch (name) {
    case "elu":
      return tf.elu(z);
    case "relu":
      return tf.relu(z);
    case "tanh":
      return tf.tanh(z);
    case "gelu":
      return tf.mul(tf.mul(0.5, z), tf.add(1, tf.tanh(geluInner(z))));
    case "identity":
      return z;
  }
}

function geluInner(z: tf.Tensor): tf.Tensor {
  return tf.mul(GELU_SCALE, tf.add(z, tf.mul(GELU_CUBIC, tf.mul(tf.square(z), z))));
}

/** da/dz from the stored pre-activation z and activation a (ELU and tanh reuse a). */
export function activationDerivative(name: ActivationName, z: tf.Tensor, a: tf.Tensor): tf.Tensor {
  switch (name) {
    case "elu":
      return tf.where(tf.greater(z, 0), tf.onesLike(z), tf.add(a, 1));
    case "relu":
      return tf.cast(tf.greater(z, 0), "float32");
    case "tanh":
      return tf.sub(1, tf.square(a));
    case "gelu": {
      const t = tf.tanh(geluInner(z));
      const slope = tf.mul(GELU_SCALE, tf.add(1, tf.mul(3 * GELU_CUBIC, tf.square(z))));
      return tf.add(tf.mul(0.5, tf.add(1, t)), tf.mul(tf.mul(tf.mul(0.5, z), tf.sub(1, tf.square(t))), slope));
    }
    case "identity":
      return tf.onesLike(z);
  }
}
