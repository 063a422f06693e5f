import type { FileError } from "./file-report.js";

/** `error CODE at offset N, segment S (TAG), element E: message`; parts the error lacks are left out. */
export function formatFileError(error: FileError): string {
  let where = `at offset ${error.offset}`;
  if (error.segment > 0) where += `, segment ${error.segment}`;
  if (error.tag !== undefined) where += ` (${error.tag})`;
  if (error.element !== undefined) where += `, element ${error.element}`;
  return `error ${error.code} ${where}: ${error.message}`;
}
