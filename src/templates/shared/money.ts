/**
 * The currency of money cells. By default it follows the build's language:
 * dollars before the number in English ($1,234), euros after it in Spanish
 * (1.234 €), as readers of each expect; the user can choose another symbol,
 * which Spanish also writes after the number except the dollar (Latin
 * America writes $1.234).
 */
import { currencyFormat } from "../../workbook/styles";
import type { Language, OptionSpec } from "../registry-types";

export const CURRENCY_BY_LANGUAGE = "auto";

/** The currency option of every template that shows money. */
export const CURRENCY: OptionSpec = {
  key: "currency",
  label: { en: "Currency", es: "Moneda" },
  kind: "choice",
  choices: [
    { value: CURRENCY_BY_LANGUAGE, label: { en: "By language ($ in English, € in Spanish)", es: "Según el idioma ($ en inglés, € en español)" } },
    { value: "$", label: { en: "$", es: "$" } },
    { value: "€", label: { en: "€", es: "€" } },
    { value: "£", label: { en: "£", es: "£" } },
    { value: "", label: { en: "None", es: "Ninguna" } },
  ],
  default: CURRENCY_BY_LANGUAGE,
};

/** The currency symbol an option value stands for in a language. */
export function currencySymbol(option: unknown, language: Language): string {
  if (option === undefined || option === null || option === CURRENCY_BY_LANGUAGE) return language === "es" ? "€" : "$";
  return String(option);
}

/** The number format of money cells for the option and language, e.g. #,##0 "€" (Spanish, by language). */
export function moneyFormat(option: unknown, language: Language, decimals = 0): string {
  const symbol = currencySymbol(option, language);
  return currencyFormat(symbol, decimals, language === "es" && symbol !== "$" ? "after" : "before");
}
