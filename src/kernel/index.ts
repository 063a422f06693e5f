export { type Clock, ManualClock, systemClock } from "./clock.js";
export { type CatalogueEntry, type ErrorCode, errorCatalogue } from "./error-catalogue.js";
export { type ErrorCategory, isOpenVanError, OpenVanError } from "./errors.js";
export { idTimePrefix, newId } from "./ids.js";
