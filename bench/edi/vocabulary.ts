import type { Prng } from "./prng.js";

/** Word lists for generated trading documents. Some EDIFACT free text holds `'` and `+` on purpose. */
export const companies = [
  "Acme Foods",
  "Northwind Traders",
  "Blue Ridge Grocers",
  "Harbor Freight Lines",
  "Golden Valley Dairy",
  "Lakeside Hardware",
  "Summit Outdoor Supply",
  "Prairie Mills",
  "Coastal Pharmacy",
  "Redwood Office Goods",
  "Ironbridge Tools",
  "Maple Leaf Bakery",
  "Silverline Electronics",
  "Evergreen Garden Center",
  "Pioneer Pet Supply",
] as const;

/** Names that need release characters in EDIFACT. */
export const companiesWithReservedCharacters = [
  "O'Neill Grocers",
  "Smith + Sons",
  "Baker's Dozen",
  "Fresh+Co",
  "Mom + Pop's Market",
] as const;

export const streets = [
  "100 Main Street",
  "2450 Industrial Parkway",
  "17 Harbor Road",
  "880 Commerce Drive",
  "4 Mill Lane",
  "1201 Distribution Way",
  "55 Elm Avenue",
  "3300 Airport Boulevard",
  "9 Kingsway",
  "742 Evergreen Terrace",
] as const;

export interface Place {
  readonly city: string;
  readonly region: string;
  readonly postcode: string;
  readonly country: string;
}

export const usPlaces: readonly Place[] = [
  { city: "Columbus", region: "OH", postcode: "43215", country: "US" },
  { city: "Memphis", region: "TN", postcode: "38118", country: "US" },
  { city: "Reno", region: "NV", postcode: "89502", country: "US" },
  { city: "Allentown", region: "PA", postcode: "18109", country: "US" },
  { city: "Joliet", region: "IL", postcode: "60436", country: "US" },
  { city: "Ontario", region: "CA", postcode: "91761", country: "US" },
  { city: "Savannah", region: "GA", postcode: "31408", country: "US" },
  { city: "Dallas", region: "TX", postcode: "75241", country: "US" },
];

export const euPlaces: readonly Place[] = [
  { city: "Antwerpen", region: "", postcode: "2030", country: "BE" },
  { city: "Rotterdam", region: "", postcode: "3089", country: "NL" },
  { city: "Hamburg", region: "", postcode: "20457", country: "DE" },
  { city: "Lyon", region: "", postcode: "69007", country: "FR" },
  { city: "Milano", region: "", postcode: "20138", country: "IT" },
  { city: "Gdansk", region: "", postcode: "80-958", country: "PL" },
];

export const products = [
  "Organic whole milk 1 gal",
  "Stainless steel hex bolt M8x40",
  "Copy paper A4 80gsm",
  "LED bulb 9W warm white",
  "Dry dog food 15 kg",
  "Garden hose 25 m",
  "Cordless drill 18V",
  "Sparkling water 12 pack",
  "Nitrile gloves size L",
  "Whole bean coffee 1 kg",
  "Shipping carton 40x30x20",
  "Basmati rice 5 kg",
] as const;

/** Product texts that need release characters in EDIFACT. */
export const productsWithReservedCharacters = [
  "Kids' rain boots",
  "Salt + pepper set",
  "Chef's knife 8in",
  "Shampoo+conditioner 2in1",
] as const;

export const units = ["EA", "CA", "BX", "PK", "DZ"] as const;

/** A GTIN of `length` digits (12 for UPC-A, 13 for EAN/GLN) with a valid check digit. */
export function gtin(prng: Prng, length: 12 | 13): string {
  const body = prng.digits(length - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** A price with two decimals, as text. */
export function price(prng: Prng): string {
  return (prng.int(25, 250_000) / 100).toFixed(2);
}

/** A calendar date CCYYMMDD in 2024, day 1..28 so every month is valid. */
export function date(prng: Prng): string {
  return `2024${String(prng.int(1, 12)).padStart(2, "0")}${String(prng.int(1, 28)).padStart(2, "0")}`;
}
