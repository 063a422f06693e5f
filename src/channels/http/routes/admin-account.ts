/** The path parameters of a route under `/admin/accounts/:id`. */
export const accountParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", maxLength: 64, description: "The account id." } },
} as const;
