// The bootstrap's schema and parsing live with the rest of the spec, in spec/bootstrap.ts.
export {
  BOOTSTRAP_FORMS,
  type BootstrapSpec,
  formatBootstrap,
  parseBootstrap,
  validateBootstrap,
} from "../spec/bootstrap.js";
