/** Reads test/fixtures/comments/{es,en}.tsv (see its README) and scores a classifier on them. */
import { readFileSync } from "node:fs";
import path from "node:path";

export type Label = "positive" | "neutral" | "negative";
export interface LabelledComment {
  split: "tune" | "test";
  topic: string;
  label: Label;
  text: string;
}

export function labelledComments(language: "es" | "en"): LabelledComment[] {
  const file = path.resolve(__dirname, `../../fixtures/comments/${language}.tsv`);
  const [, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  return lines.map((line) => {
    const [split, topic, label, text] = line.split("\t");
    return { split: split as "tune" | "test", topic, label: label as Label, text };
  });
}

export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  f1: Record<Label, number>;
}

/** Accuracy and macro-F1 (the unweighted mean of the three classes' F1). */
export function classificationScores(truth: Label[], predicted: Label[]): Scores {
  const labels: Label[] = ["positive", "neutral", "negative"];
  let correct = 0;
  truth.forEach((t, i) => (correct += t === predicted[i] ? 1 : 0));
  const f1 = {} as Record<Label, number>;
  for (const l of labels) {
    let tp = 0, fp = 0, fn = 0;
    truth.forEach((t, i) => {
      if (predicted[i] === l && t === l) tp++;
      else if (predicted[i] === l) fp++;
      else if (t === l) fn++;
    });
    f1[l] = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return { n: truth.length, accuracy: correct / truth.length, macroF1: (f1.positive + f1.neutral + f1.negative) / 3, f1 };
}
