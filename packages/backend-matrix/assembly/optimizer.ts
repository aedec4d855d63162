/**
 * The update rules of optimizer.ts, two parameters at a time, with every operation in the same
 * order so each lane rounds as the TypeScript loop does. The bias corrections 1 − b^t come from the
 * caller: they are computed in JavaScript with `**`, exactly as optimizer.ts does, because a pow
 * written here could differ from V8's in the last bit.
 */

/** Adam as optax.adam: m = b1·m + (1−b1)·g, v = b2·v + (1−b2)·g·g, θ −= lr·m̂ / (√v̂ + eps). */
export function adamUpdate(
  params: usize,
  grads: usize,
  first: usize,
  second: usize,
  size: i32,
  learningRate: f64,
  b1: f64,
  b2: f64,
  eps: f64,
  firstCorrection: f64,
  secondCorrection: f64,
): void {
  const oneMinusB1 = 1.0 - b1;
  const oneMinusB2 = 1.0 - b2;
  const pairs = size & ~1;
  const lrV = f64x2.splat(learningRate);
  const b1V = f64x2.splat(b1);
  const b2V = f64x2.splat(b2);
  const epsV = f64x2.splat(eps);
  const c1V = f64x2.splat(firstCorrection);
  const c2V = f64x2.splat(secondCorrection);
  const a1V = f64x2.splat(oneMinusB1);
  const a2V = f64x2.splat(oneMinusB2);
  for (let i = 0; i < pairs; i += 2) {
    const at = (<usize>i) << 3;
    const g = v128.load(grads + at);
    const m = f64x2.add(f64x2.mul(b1V, v128.load(first + at)), f64x2.mul(a1V, g));
    const v = f64x2.add(f64x2.mul(b2V, v128.load(second + at)), f64x2.mul(f64x2.mul(a2V, g), g));
    v128.store(first + at, m);
    v128.store(second + at, v);
    const step = f64x2.div(f64x2.mul(lrV, f64x2.div(m, c1V)), f64x2.add(f64x2.sqrt(f64x2.div(v, c2V)), epsV));
    v128.store(params + at, f64x2.sub(v128.load(params + at), step));
  }
  if (pairs < size) {
    const at = (<usize>pairs) << 3;
    const g = load<f64>(grads + at);
    const m = b1 * load<f64>(first + at) + oneMinusB1 * g;
    const v = b2 * load<f64>(second + at) + oneMinusB2 * g * g;
    store<f64>(first + at, m);
    store<f64>(second + at, v);
    store<f64>(
      params + at,
      load<f64>(params + at) - (learningRate * (m / firstCorrection)) / (Math.sqrt(v / secondCorrection) + eps),
    );
  }
}

/**
 * adamUpdate with decoupled weight decay λ, as optax.adamw: θ −= lr·(m̂ / (√v̂ + eps) + λ·θ), in
 * optimizer.ts's order.
 */
export function adamUpdateDecayed(
  params: usize,
  grads: usize,
  first: usize,
  second: usize,
  size: i32,
  learningRate: f64,
  b1: f64,
  b2: f64,
  eps: f64,
  firstCorrection: f64,
  secondCorrection: f64,
  decay: f64,
): void {
  const oneMinusB1 = 1.0 - b1;
  const oneMinusB2 = 1.0 - b2;
  const pairs = size & ~1;
  const lrV = f64x2.splat(learningRate);
  const b1V = f64x2.splat(b1);
  const b2V = f64x2.splat(b2);
  const epsV = f64x2.splat(eps);
  const c1V = f64x2.splat(firstCorrection);
  const c2V = f64x2.splat(secondCorrection);
  const a1V = f64x2.splat(oneMinusB1);
  const a2V = f64x2.splat(oneMinusB2);
  const decayV = f64x2.splat(decay);
  for (let i = 0; i < pairs; i += 2) {
    const at = (<usize>i) << 3;
    const g = v128.load(grads + at);
    const m = f64x2.add(f64x2.mul(b1V, v128.load(first + at)), f64x2.mul(a1V, g));
    const v = f64x2.add(f64x2.mul(b2V, v128.load(second + at)), f64x2.mul(f64x2.mul(a2V, g), g));
    v128.store(first + at, m);
    v128.store(second + at, v);
    const theta = v128.load(params + at);
    const direction = f64x2.div(f64x2.div(m, c1V), f64x2.add(f64x2.sqrt(f64x2.div(v, c2V)), epsV));
    const step = f64x2.mul(lrV, f64x2.add(direction, f64x2.mul(decayV, theta)));
    v128.store(params + at, f64x2.sub(theta, step));
  }
  if (pairs < size) {
    const at = (<usize>pairs) << 3;
    const g = load<f64>(grads + at);
    const m = b1 * load<f64>(first + at) + oneMinusB1 * g;
    const v = b2 * load<f64>(second + at) + oneMinusB2 * g * g;
    store<f64>(first + at, m);
    store<f64>(second + at, v);
    const theta = load<f64>(params + at);
    store<f64>(
      params + at,
      theta - learningRate * (m / firstCorrection / (Math.sqrt(v / secondCorrection) + eps) + decay * theta),
    );
  }
}

/** sgdUpdate with decoupled weight decay λ: θ −= lr·(t + λ·θ), in optimizer.ts's order. */
export function sgdUpdateDecayed(
  params: usize,
  grads: usize,
  trace: usize,
  size: i32,
  learningRate: f64,
  momentum: f64,
  decay: f64,
): void {
  const pairs = size & ~1;
  const lrV = f64x2.splat(learningRate);
  const muV = f64x2.splat(momentum);
  const decayV = f64x2.splat(decay);
  for (let i = 0; i < pairs; i += 2) {
    const at = (<usize>i) << 3;
    const t = f64x2.add(v128.load(grads + at), f64x2.mul(muV, v128.load(trace + at)));
    v128.store(trace + at, t);
    const theta = v128.load(params + at);
    v128.store(params + at, f64x2.sub(theta, f64x2.mul(lrV, f64x2.add(t, f64x2.mul(decayV, theta)))));
  }
  if (pairs < size) {
    const at = (<usize>pairs) << 3;
    const t = load<f64>(grads + at) + momentum * load<f64>(trace + at);
    store<f64>(trace + at, t);
    const theta = load<f64>(params + at);
    store<f64>(params + at, theta - learningRate * (t + decay * theta));
  }
}

/** SGD as optax.sgd: a momentum trace t = g + μ·t, then θ −= lr·t. */
export function sgdUpdate(
  params: usize,
  grads: usize,
  trace: usize,
  size: i32,
  learningRate: f64,
  momentum: f64,
): void {
  const pairs = size & ~1;
  const lrV = f64x2.splat(learningRate);
  const muV = f64x2.splat(momentum);
  for (let i = 0; i < pairs; i += 2) {
    const at = (<usize>i) << 3;
    const t = f64x2.add(v128.load(grads + at), f64x2.mul(muV, v128.load(trace + at)));
    v128.store(trace + at, t);
    v128.store(params + at, f64x2.sub(v128.load(params + at), f64x2.mul(lrV, t)));
  }
  if (pairs < size) {
    const at = (<usize>pairs) << 3;
    const t = load<f64>(grads + at) + momentum * load<f64>(trace + at);
    store<f64>(trace + at, t);
    store<f64>(params + at, load<f64>(params + at) - learningRate * t);
  }
}

/**
 * optax.clip_by_global_norm as optimizer.ts writes it: the squares summed one by one in index
 * order (a pairwise SIMD sum would round differently), then g ← g / ‖g‖ · max unless ‖g‖ < max.
 */
export function clipByGlobalNorm(grads: usize, size: i32, max: f64): void {
  let squares = 0.0;
  for (let i = 0; i < size; i++) {
    const g = load<f64>(grads + ((<usize>i) << 3));
    squares += g * g;
  }
  const norm = Math.sqrt(squares);
  if (norm < max) return;
  for (let i = 0; i < size; i++) {
    const at = grads + ((<usize>i) << 3);
    store<f64>(at, (load<f64>(at) / norm) * max);
  }
}
