export { type CatalogueEntry, type ErrorCode, errorCatalogue } from "./error-catalogue.js";
export { type ErrorCategory, isOpenVanError, OpenVanError } from "./errors.js";
