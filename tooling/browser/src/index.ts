export { ORT_PAGE_PATH } from "./assets.js";
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
