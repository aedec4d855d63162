export {
  ChromiumNotFoundError,
  PageErrorsError,
  PageLoadError,
  type PageProblem,
  StaticRouteError,
} from "./errors.js";
export { chromiumExecutablePath, DEFAULT_CHROMIUM_PATH, type LaunchChromiumOptions, launchChromium } from "./launch.js";
export { type OpenedPage, openPage } from "./page.js";
export { type StaticServer, serveStatic } from "./static-server.js";
