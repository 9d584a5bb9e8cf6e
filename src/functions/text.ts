/**
 * Comment functions: sentiment (score and label) and themes. The text engine
 * (lexicons, rules, themes) is loaded on the first call (support/text-engine.ts),
 * so these functions are asynchronous.
 */
import { invalidInput } from "../metrics/errors";
import type { SentimentLabel } from "../metrics/text/engine";
import type { TextEngineModule } from "./support/text-engine";
import { asMatrix, optionalNumber } from "./support/args";
import { outputLanguage, OutputLanguage } from "./support/display-language";
import { excelError, excelResultAsync, InputErrorValue, isExcelErrorValue } from "./support/excel-errors";
import { alignedScores, commentText, optionalLanguage } from "./support/text-args";
import { loadTextEngine } from "./support/text-engine";
import { cellColumn, requireSameLength } from "./tables/columns";
import { refuseLargeSpill } from "./tables/spill-limit";

const LABELS: Record<OutputLanguage, Record<SentimentLabel, string>> = {
  en: { positive: "positive", neutral: "neutral", negative: "negative" },
  es: { positive: "positivo", neutral: "neutro", negative: "negativo" },
};

const THEME_HEADERS: Record<OutputLanguage, string[]> = {
  en: ["Theme", "Comments", "Share", "Avg sentiment", "NPS with", "NPS without", "Difference", "p-value"],
  es: ["Tema", "Comentarios", "Proporción", "Sentimiento medio", "NPS con", "NPS sin", "Diferencia", "Valor p"],
};

/** Applies `cell` to every cell of a range, keeping its shape; a blank stays blank, an error stays that error. */
async function perCell(text: unknown, language: unknown, cell: (score: number, engine: TextEngineModule) => unknown): Promise<any[][]> {
  return excelResultAsync(async () => {
    const lang = optionalLanguage(language);
    const m = asMatrix(text);
    const width = m.reduce((w, row) => Math.max(w, row.length), 0);
    if (m.length === 0 || width === 0) return [[""]];
    const engine = await loadTextEngine();
    const out = m.map((row) => {
      const cells: unknown[] = new Array(width);
      for (let c = 0; c < width; c++) {
        const x = row[c];
        if (isExcelErrorValue(x)) cells[c] = excelError(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"].includes(x.code) ? x.code : "#VALUE!");
        else {
          const t = commentText(x);
          cells[c] = t === null ? "" : cell(engine.sentiment(t, lang), engine);
        }
      }
      return cells;
    });
    return refuseLargeSpill(out, "result");
  });
}

/**
 * Sentiment of customer comments in Spanish or English, from -1 (negative) to 1 (positive); 0 when no word carries polarity. A range spills the same shape; a blank stays blank.
 * @customfunction SENTIMENT
 * @param text A comment, or a range of comments.
 * @param [language] "es" or "en"; if omitted, the language of each comment is detected.
 * @returns The sentiment score of each comment, -1 to 1.
 */
export async function sentiment(text: any[][], language?: any): Promise<any[][]> {
  return perCell(text, language, (score) => score);
}

/**
 * Sentiment label of customer comments: positive (score 0.05 or more), negative (-0.05 or less) or neutral; in Spanish when Excel's display language is Spanish.
 * @customfunction SENTIMENT.LABEL
 * @param text A comment, or a range of comments.
 * @param [language] "es" or "en"; if omitted, the language of each comment is detected.
 * @returns positive, neutral or negative for each comment.
 */
export async function sentimentLabel(text: any[][], language?: any): Promise<any[][]> {
  const names = LABELS[outputLanguage()];
  return perCell(text, language, (score, engine) => names[engine.sentimentLabel(score)]);
}

/**
 * Spills the top themes of customer comments (words and two-word phrases) with the number and share of comments that mention each and their average sentiment; with 0-10 scores, the NPS of those who mention it against everyone else and the p-value of the difference.
 * @customfunction THEMES
 * @param comments The comments, one per row.
 * @param [scores] Their 0-10 "How likely are you to recommend us?" answers, row by row (blank: no answer).
 * @param [top_n] How many themes to list, 10 if omitted.
 * @param [language] "es" or "en"; if omitted, the language of each comment is detected.
 * @param invocation Invocation (Excel fills it in).
 * @returns A table: theme, comments, share, average sentiment, and with scores NPS with, NPS without, difference, p-value.
 * @requiresParameterAddresses
 */
export async function themes(comments: any[][], scores?: any, top_n?: any, language?: any, invocation?: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const addresses = invocation?.parameterAddresses ?? [];
    const commentCol = cellColumn(comments, "comments", addresses[0] ?? null);
    const hasScores = scores !== null && scores !== undefined && !(typeof scores === "string" && scores === "");
    const scoreCol = hasScores ? cellColumn(scores, "scores", addresses[1] ?? null) : null;
    requireSameLength([commentCol, scoreCol]);
    const topN = optionalNumber(top_n, "top_n", 10);
    if (!Number.isInteger(topN) || topN < 1 || topN > 1000) throw invalidInput(`top_n must be a whole number from 1 to 1000 (got ${topN}).`);
    const lang = optionalLanguage(language);
    const texts: (string | null)[] = new Array(commentCol.length);
    const { matrix: m, byRow } = commentCol;
    for (let i = 0; i < commentCol.length; i++) {
      const x = byRow ? m[i][0] : m[0][i];
      if (isExcelErrorValue(x)) throw new InputErrorValue(x.code, commentCol.where(i));
      texts[i] = commentText(x);
    }
    const scoreValues = scoreCol ? await alignedScores(scoreCol) : null;
    const engine = await loadTextEngine();
    const table = engine.commentThemeTable(texts, scoreValues, topN, lang);
    const header = THEME_HEADERS[outputLanguage()].slice(0, scoreValues ? 8 : 4);
    const blank = (x: number | null) => (x === null ? "" : x);
    const rows: unknown[][] = [header];
    for (const t of table.themes) {
      const row: unknown[] = [t.label, t.comments, t.share, t.averageSentiment];
      if (scoreValues) row.push(blank(t.nps?.npsWith ?? null), blank(t.nps?.npsWithout ?? null), blank(t.nps?.difference ?? null), blank(t.nps?.pValue ?? null));
      rows.push(row);
    }
    return rows;
  });
}
