/**
 * Headers as the tools people export from write them, by template column
 * key, so a file maps without --map: Stripe (subscriptions, invoices),
 * Shopify orders, HubSpot and Salesforce report exports, Typeform, Google
 * Forms / Sheets, Qualtrics and SurveyMonkey, in English and Spanish; plus
 * the standard NPS question wordings. The sources of each name are in
 * test/fixtures/reader/README.md. A template's own synonyms come first;
 * these are tried after them, in the order given (the more specific first).
 */

/** Exact header names (compared normalized: lower case, no accents, separators as spaces). */
const DATES = [
  "recorded date", "recordeddate", "end date", "enddate", "submit date (utc)", "submitted at", "timestamp", "marca temporal",
  "created (utc)", "date (utc)", "created date (utc)", "created at", "paid at", "created", "created date", "fecha de creacion",
  "create date", "close date", "fecha de cierre", "fecha de finalizacion", "fecha de envio", "start date (utc)", "start date", "fecha de inicio",
];

export const TOOL_HEADERS: Record<string, string[]> = {
  customer: [
    "customer id", "customer email", "customer", "email", "e-mail", "correo", "correo electronico", "email address", "billing name",
    "account name", "account id", "nombre de la cuenta", "associated company", "empresa asociada", "company name", "id de cliente",
    "record id", "id de registro",
  ],
  date: DATES,
  month: ["current period start (utc)", "period start", "billing month", "mes de facturacion", "month (utc)", ...DATES],
  amount: ["amount paid", "total", "amount", "importe", "amount due", "grand total", "total price", "importe total", "monto total", "subtotal"],
  mrr: ["mrr", "monthly recurring revenue", "amount paid", "amount", "total", "revenue", "ingresos"],
  value: ["mrr", "amount", "arr", "annual revenue", "ingresos anuales", "total"],
  segment: ["plan", "plan name", "product", "tier", "customer segment", "deal stage", "etapa del negocio", "lifecycle stage", "etapa del ciclo de vida"],
  comment: ["comments", "feedback", "comentarios", "why?", "why", "¿por que?", "por que?"],
};

/** Header wordings recognised by pattern (normalized text), by column key. */
export const HEADER_PATTERNS: Record<string, RegExp[]> = {
  score: [
    /how likely (?:is it that you would|are you to|would you be to|would you) recommend/,
    /likelihood (?:to|of) recommend/,
    /would you recommend/,
    /probabilidad (?:hay |existe |tiene )?(?:de )?que (?:usted )?(?:nos )?recomiend/,
    /que tan probable (?:es )?que (?:usted )?(?:nos )?recomiend/,
    /recomendaria/,
    /net promoter/,
  ],
  comment: [
    /(?:reason|why) .*(?:score|rating|answer)/,
    /what (?:is the (?:primary|main) reason|could we do better|can we do to improve)/,
    /por que (?:nos )?(?:ha dado|dio|diste|pone|esa) /,
    /(?:motivo|razon) (?:principal )?de (?:su|tu) (?:puntuacion|nota|respuesta|calificacion)/,
    /que (?:podriamos|podemos) mejorar/,
  ],
};

/** Headers that look like a column but are not it (Qualtrics adds Q1_NPS_GROUP beside the 0-10 answer). */
export const HEADER_EXCLUSIONS: Record<string, RegExp> = {
  score: /\b(?:group|grupo|categoria|category|text|texto)\b/,
};
