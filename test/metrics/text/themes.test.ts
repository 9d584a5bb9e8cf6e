/**
 * Themes: counts, shares, average sentiment and the NPS comparison, checked by
 * hand on small sets; light stemming by the published rules.
 */
import { analyseComments, commentThemeTable, sentiment } from "../../../src/metrics/text/engine";
import { stemEnglish, stemSpanish } from "../../../src/metrics/text/stem";
import { compareNps } from "../../../src/metrics/nps-test";
import { sentimentByNpsGroup, themesByPolarity } from "../../../src/metrics/text/survey-comments";

describe("light stemming", () => {
  it("English: Harman's S-stemmer (-ies -> -y, -es -> -e, -s dropped; not after -ss, -us, -aes, -ees, -oes)", () => {
    expect(["queries", "refunds", "boxes", "glasses", "status", "shoes", "agrees"].map(stemEnglish)).toEqual(["query", "refund", "boxe", "glasse", "status", "shoe", "agree"]);
  });

  it("Spanish: plural and gender, so 'entregas', 'entrega' and 'entrego' group", () => {
    expect(stemSpanish("entregas")).toBe(stemSpanish("entrega"));
    expect(stemSpanish("atenciones")).toBe(stemSpanish("atencion"));
    expect(stemSpanish("luces")).toBe("luz");
    expect(stemSpanish("pedidos")).toBe(stemSpanish("pedido"));
    expect(stemSpanish("entregar")).not.toBe(stemSpanish("entrega"));
  });
});

describe("themes of a column of comments", () => {
  const comments = [
    "La entrega fue rápida",
    "Entregas siempre puntuales",
    "El servicio técnico no me ayudó",
    "Servicio técnico lento y la entrega tarde",
    "Todo bien",
    null,
  ];
  const scores = [10, 9, 3, 2, 8, 0];

  it("counts comments (not words) per theme, with the share of commented rows and their mean sentiment", () => {
    const t = commentThemeTable(comments, null, 10, "es");
    expect(t.commented).toBe(5);
    const entrega = t.themes.find((x) => x.key === stemSpanish("entrega"))!;
    expect(entrega.comments).toBe(3);
    expect(entrega.share).toBeCloseTo(3 / 5, 12);
    expect(entrega.label).toBe("entrega");
    const expected = (sentiment(comments[0]!, "es") + sentiment(comments[1]!, "es") + sentiment(comments[3]!, "es")) / 3;
    expect(entrega.averageSentiment).toBeCloseTo(expected, 12);
    // "servicio técnico" is a two-word theme, shown as written; the single words it covers are not repeated.
    const phrase = t.themes.find((x) => x.words === 2)!;
    expect(phrase.label).toBe("servicio técnico");
    expect(phrase.comments).toBe(2);
    expect(t.themes.some((x) => x.key === stemSpanish("servicio"))).toBe(false);
    expect(t.themes.every((x) => x.comments >= 2)).toBe(true);
  });

  it("compares the NPS of respondents who mention a theme with everyone else's (adjusted-Wald p-value)", () => {
    const t = commentThemeTable(comments, scores, 10, "es");
    expect(t.scored).toBe(6);
    const entrega = t.themes.find((x) => x.key === stemSpanish("entrega"))!;
    // Mention: 10, 9, 2 -> 2 promoters, 1 detractor: NPS 33.3. Others: 3, 8, 0 -> 1 passive, 2 detractors: NPS −66.7.
    expect(entrega.nps!.npsWith).toBeCloseTo(100 / 3, 10);
    expect(entrega.nps!.npsWithout).toBeCloseTo(-200 / 3, 10);
    expect(entrega.nps!.difference).toBeCloseTo(100, 10);
    expect(entrega.nps!.pValue).toBeCloseTo(compareNps({ promoters: 2, passives: 0, detractors: 1 }, { promoters: 0, passives: 1, detractors: 2 }).pValue, 12);
  });

  it("ranks by comments, keeps top_n, and handles English with the S-stemmer", () => {
    const en = ["Refund was quick", "Refunds take forever", "The refund never came", "Shipping fast", "Fast shipping"];
    const t = commentThemeTable(en, null, 2, "en");
    expect(t.themes).toHaveLength(2);
    expect(t.themes[0].label).toBe("refund");
    expect(t.themes[0].comments).toBe(3);
  });

  it("scales to a full column of comments", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? "La entrega fue rápida" : i % 3 === 1 ? "Atención muy lenta" : "Precio justo"));
    const t = commentThemeTable(many, null, 5, "es");
    expect(t.commented).toBe(100_000);
    expect(t.themes[0].comments).toBe(33_334);
  });
});

describe("survey dashboard aggregates", () => {
  it("sentiment by promoters, passives and detractors", () => {
    const rows = sentimentByNpsGroup([10, 9, 7, 3, 0, 5, null], [0.8, 0, 0.2, -0.6, -0.2, null, 0.9]);
    expect(rows.map((r) => r.comments)).toEqual([2, 1, 2]);
    expect(rows[0].averageSentiment).toBeCloseTo(0.4, 12);
    expect(rows[0].positive).toBeCloseTo(0.5, 12);
    expect(rows[0].neutral).toBeCloseTo(0.5, 12);
    expect(rows[2].negative).toBe(1);
    expect(sentimentByNpsGroup([], [])[1].averageSentiment).toBeNull();
  });

  it("top positive and negative themes with their NPS impact", () => {
    const texts = ["entrega rápida", "entrega rápida y perfecta", "atención lenta", "atención lenta y mala", "precio", "precio"];
    const scores = [10, 10, 2, 3, 8, 7];
    const table = commentThemeTable(texts, scores, 10, "es");
    const polar = themesByPolarity(table, 3);
    expect(polar.positive.map((t) => t.label)).toContain("entrega rápida");
    expect(polar.negative.map((t) => t.label)).toContain("atención lenta");
    expect(polar.negative.every((t) => t.averageSentiment <= -0.05)).toBe(true);
    expect(polar.negative[0].nps!.difference!).toBeLessThan(0);
    expect(analyseComments(["", "  ", null]).every((c) => c === null)).toBe(true);
  });
});
