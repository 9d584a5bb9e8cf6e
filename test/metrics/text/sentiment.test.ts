/**
 * The sentiment rules one at a time (each case a pair that differs only by the
 * rule's word), VADER's constants, and the lexicons' hygiene.
 */
import { explainSentiment, lexicons, sentiment, sentimentLabel } from "../../../src/metrics/text/engine";
import { normalize } from "../../../src/metrics/text/sentiment";
import { ES_CORE } from "../../../src/metrics/text/lexicons/es-core";
import { fold } from "../../../src/metrics/text/fold";

const es = (t: string) => sentiment(t, "es");
const en = (t: string) => sentiment(t, "en");

describe("VADER's normalisation and thresholds (Hutto & Gilbert 2014)", () => {
  it("maps a sum s to s/√(s²+15)", () => {
    expect(normalize(0)).toBe(0);
    expect(normalize(3)).toBeCloseTo(3 / Math.sqrt(24), 12);
    expect(normalize(-1e9)).toBeGreaterThanOrEqual(-1);
  });

  it("labels at ±0.05", () => {
    expect(sentimentLabel(0.05)).toBe("positive");
    expect(sentimentLabel(0.0499)).toBe("neutral");
    expect(sentimentLabel(-0.05)).toBe("negative");
  });

  it("a single English word scores as VADER does: 'good' is 1.9 -> 0.4404", () => {
    // vaderSentiment: polarity_scores("good")["compound"] == 0.4404
    expect(en("good")).toBeCloseTo(0.4404, 4);
  });

  it("nothing polar scores exactly 0", () => {
    expect(es("El pedido salió del almacén ayer.")).toBe(0);
    expect(en("The order left the warehouse yesterday.")).toBe(0);
  });
});

describe("rules", () => {
  it("negation flips, within three words, in both languages", () => {
    expect(es("El servicio es bueno")).toBeGreaterThan(0);
    expect(es("El servicio no es bueno")).toBeLessThan(0);
    expect(en("The service is good")).toBeGreaterThan(0);
    expect(en("The service isn't good")).toBeLessThan(0);
    expect(en("The service is not good")).toBeLessThan(0);
    expect(es("sin problemas")).toBeGreaterThan(0);
    expect(en("without any hassle")).toBeGreaterThan(0);
    // Negation by the VADER scalar: −0.74 × valence.
    const good = explainSentiment("not good", "en").terms[0];
    expect(good.contribution).toBeCloseTo(-0.74 * 1.9, 10);
  });

  it("Spanish double negation negates once: 'no está nada mal' is positive", () => {
    expect(es("No está nada mal")).toBeGreaterThan(0);
    expect(es("nada recomendable")).toBeLessThan(0);
  });

  it("intensifiers raise and downtoners lower the magnitude", () => {
    expect(es("muy lento")).toBeLessThan(es("lento"));
    expect(es("un poco lento")).toBeGreaterThan(es("lento"));
    expect(es("un poco lento")).toBeLessThan(0);
    expect(en("very slow")).toBeLessThan(en("slow"));
    expect(en("slightly slow")).toBeGreaterThan(en("slow"));
    // "poco amable" is unkind, not a weaker kindness.
    expect(es("poco amable")).toBeLessThan(0);
  });

  it("contrast: the clause after 'pero'/'but' decides", () => {
    expect(es("El envío fue rápido pero el producto llegó roto.")).toBeLessThan(0);
    expect(es("Tardaron un poco, pero me lo resolvieron a la primera.")).toBeGreaterThan(0);
    expect(en("Shipping was fast but the product arrived broken.")).toBeLessThan(0);
    expect(es("La web es bonita, sin embargo comprar es un calvario.")).toBeLessThan(0);
    expect(en("The site looks nice, however buying is a nightmare.")).toBeLessThan(0);
  });

  it("concession: the 'aunque'/'although' clause weighs less", () => {
    expect(es("Muy buena atención aunque la espera fue algo larga")).toBeGreaterThan(0);
    expect(es("Aunque fueron amables, el problema sigue sin resolverse.")).toBeLessThan(0);
    expect(en("Although they were friendly, the problem is still not fixed.")).toBeLessThan(0);
  });

  it("emoji and emoticons carry polarity, skin tones and variation selectors ignored", () => {
    expect(es("Todo llegó 👍")).toBeGreaterThan(0);
    expect(es("Todo llegó 👍🏽")).toBeCloseTo(es("Todo llegó 👍"), 12);
    expect(en("ok 😡")).toBeLessThan(0);
    expect(es("me trataron así :(")).toBeLessThan(0);
    expect(en("love it ❤️")).toBeGreaterThan(en("love it"));
  });

  it("accents are optional and stretched letters count with emphasis", () => {
    expect(es("pesima atencion")).toBeCloseTo(es("pésima atención"), 12);
    expect(es("buenísimoooo")).toBeGreaterThan(0);
    expect(es("buenooo")).toBeGreaterThan(es("bueno"));
    expect(en("sooo good")).toBeGreaterThan(en("good"));
    expect(en("goood")).toBeGreaterThan(0);
  });

  it("Spanish inflections: gender, number, superlatives, adverbs in -mente", () => {
    for (const w of ["buena", "buenos", "buenísimas", "rapidísimo", "amabilísima", "perfectamente"]) expect({ w, s: es(w) > 0 }).toEqual({ w, s: true });
    for (const w of ["malísimo", "lentísima", "carísimos"]) expect({ w, s: es(w) < 0 }).toEqual({ w, s: true });
    expect(es("rapidísimo")).toBeGreaterThan(es("rápido"));
  });

  it("frequent misspellings and chat shorthand", () => {
    expect(es("q mal servicio")).toBeLessThan(0);
    expect(es("exelente")).toBeGreaterThan(0);
    expect(en("luv it")).toBeGreaterThan(0);
    expect(en("dont like it")).toBeLessThan(0);
    expect(en("definately terible")).toBeLessThan(0);
  });

  it("CAPITALS in a mixed-case comment add emphasis; exclamation marks too", () => {
    expect(en("the delivery was GREAT")).toBeGreaterThan(en("the delivery was great"));
    expect(es("Genial!!!")).toBeGreaterThan(es("Genial"));
  });

  it("customer-service vocabulary", () => {
    for (const t of ["me resolvieron el problema", "muy amables", "reembolsaron todo", "llegó a tiempo"]) expect({ t, s: es(t) > 0 }).toEqual({ t, s: true });
    for (const t of ["tardaron mucho", "el chico fue grosero", "me cobraron dos veces", "llevo una hora en espera", "el paquete llegó roto"]) expect({ t, s: es(t) < 0 }).toEqual({ t, s: true });
    for (const t of ["they resolved it", "very helpful", "refunded in two days", "arrived on time"]) expect({ t, s: en(t) > 0 }).toEqual({ t, s: true });
    for (const t of ["the agent was rude", "still waiting", "on hold for an hour", "they overcharged me"]) expect({ t, s: en(t) < 0 }).toEqual({ t, s: true });
  });

  it("neutral expressions hide their words ('por la tarde' is a time, not a delay)", () => {
    expect(es("Lo entregaron por la tarde")).toBe(0);
    expect(es("Llegó tarde")).toBeLessThan(0);
  });
});

describe("language detection", () => {
  it("tells Spanish from English, with or without accents, and single words by their lexicon", () => {
    expect(explainSentiment("Muy buena atencion, gracias").language).toBe("es");
    expect(explainSentiment("Very good service, thanks").language).toBe("en");
    expect(explainSentiment("Genial").language).toBe("es");
    expect(explainSentiment("Awful").language).toBe("en");
    expect(explainSentiment("¿Dónde está mi pedido?").language).toBe("es");
  });
});

describe("explanations", () => {
  it("list the terms whose contributions make the score", () => {
    const r = explainSentiment("El envío fue rápido pero el producto llegó roto.", "es");
    expect(r.terms.map((t) => t.text)).toEqual(["rapido", "roto"]);
    const sum = r.terms.reduce((s, t) => s + t.contribution, 0);
    expect(r.score).toBeCloseTo(normalize(sum), 12);
    expect(r.terms[0].contribution).toBeCloseTo(0.5 * r.terms[0].valence, 12);
    expect(r.terms[1].contribution).toBeCloseTo(1.5 * r.terms[1].valence, 12);
  });
});

describe("the Spanish lexicon", () => {
  it("lists each word once", () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const [valence, list] of Object.entries(ES_CORE)) {
      for (const w of list.split(/\s+/).filter(Boolean)) {
        const key = fold(w);
        if (seen.has(key)) duplicates.push(`${w} (${seen.get(key)} and ${valence})`);
        seen.set(key, valence);
      }
    }
    expect(duplicates).toEqual([]);
  });

  it("has its scale and size: valences within −4..4, more than 700 entries", () => {
    const lex = lexicons().es;
    const all = [...lex.exact.values(), ...lex.stems.values()];
    expect(all.every((v) => v >= -4 && v <= 4)).toBe(true);
    expect(lex.exact.size + lex.stems.size + [...lex.phrases.values()].flat().length).toBeGreaterThan(700);
  });
});

describe("tokenizer", () => {
  const { tokenize } = jest.requireActual("../../../src/metrics/text/tokenize") as typeof import("../../../src/metrics/text/tokenize");
  const texts = (s: string) => tokenize(s).map((t) => t.text);

  it("keeps contractions, hyphenated words and 10/10 whole; folds accents but not ñ", () => {
    expect(texts("Didn't work, RIP-OFF 10/10 ATENCIÓN año")).toEqual(["didn't", "work", ",", "rip-off", "10/10", "atencion", "año"]);
  });

  it("reads emoticons only when they stand alone, and emoji without skin tone or selector", () => {
    expect(texts("bien :) ID:123 a las 12:30 👍🏽 ❤️")).toEqual(["bien", ":)", "id", ":", "123", "a", "las", "12", ":", "30", "👍", "❤"]);
  });

  it("keeps offsets into the comment", () => {
    const t = tokenize("Servicio  técnico");
    expect(t.map((x) => [x.start, x.end])).toEqual([[0, 8], [10, 17]]);
  });
});
