/**
 * The words that change other words' polarity, per language (CXM's lists, MIT):
 * negators, intensifiers and downtoners, contrast ("pero", "but": the clause
 * after it weighs more) and concession ("aunque", "although": its own clause
 * weighs less), and frequent misspellings and chat shorthand. All folded.
 */
import type { Language } from "./lexicon";

export interface LanguageRules {
  negators: ReadonlySet<string>;
  /** Negators that only negate the word right after them ("nada recomendable"; "no me gustó nada" is not negated twice). */
  adjacentNegators: ReadonlySet<string>;
  /** Intensifiers (+) and downtoners (−), as a share of VADER's booster step. */
  boosters: ReadonlyMap<string, number>;
  /** Two-word intensifiers and downtoners ("un poco", "a bit"), keyed "w1 w2". */
  boosterPhrases: ReadonlyMap<string, number>;
  /** Words after which the rest of the sentence weighs more ("pero", "but"). */
  contrast: ReadonlySet<string>;
  /** Two-word contrast markers ("sin embargo", "no obstante"), keyed "w1 w2". */
  contrastPhrases: ReadonlySet<string>;
  /** Words whose own clause weighs less ("aunque", "although"). */
  concessive: ReadonlySet<string>;
  concessivePhrases: ReadonlySet<string>;
  /** Shorthand and misspellings, folded word -> the word(s) meant. */
  spelling: ReadonlyMap<string, string>;
  /** Beginnings of "fix" verbs: the problem they fix is not a complaint ("me resolvieron el problema"). */
  solvers: readonly string[];
  /** How many words back a negator reaches. */
  negationWindow: number;
  /** First words of the two-word markers above (filled in by withFirstWords), so most words skip the pair lookups. */
  pairStarts: ReadonlySet<string>;
}

function withFirstWords(rules: Omit<LanguageRules, "pairStarts">): LanguageRules {
  const pairs = [...rules.contrastPhrases, ...rules.concessivePhrases, ...rules.boosterPhrases.keys()];
  return { ...rules, pairStarts: new Set(pairs.map((p) => p.split(" ")[0])) };
}

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));
const map = (pairs: string) =>
  new Map(
    pairs
      .split(/\s*;\s*/)
      .filter(Boolean)
      .map((p) => {
        const [k, v] = p.split("=");
        return [k.trim(), v.trim()] as [string, string];
      }),
  );
const weights = (pairs: string) => new Map([...map(pairs)].map(([k, v]) => [k, Number(v)] as [string, number]));

export const SPANISH: LanguageRules = withFirstWords({
  negators: set("no nunca jamas ni sin tampoco nadie ningun ninguna ninguno ningunos ningunas nada cero"),
  adjacentNegators: set("nada cero"),
  boosters: weights(
    "muy=1; super=1; re=1; requete=1; bastante=0.6; demasiado=1; mucho=0.8; muchisimo=1.2; tan=0.8; tanto=0.8; totalmente=1; completamente=1; " +
      "realmente=1; increiblemente=1.2; sumamente=1.2; extremadamente=1.2; absolutamente=1; altamente=1; enormemente=1; verdaderamente=1; " +
      "especialmente=0.8; terriblemente=1; mega=1; hiper=1; ultra=1; siempre=0.3; " +
      "algo=-0.6; ligeramente=-1; medio=-0.6; casi=-0.6; apenas=-1; relativamente=-0.6",
  ),
  boosterPhrases: weights("un poco=-0.8; un tanto=-0.6; de verdad=0.6; para nada=0.5; en absoluto=0.5"),
  contrast: set("pero"),
  contrastPhrases: set("sin embargo; no obstante"),
  concessive: set("aunque"),
  concessivePhrases: set("a pesar; pese a; si bien"),
  spelling: map(
    "q=que; k=que; xq=porque; pq=porque; porq=porque; xk=porque; tb=tambien; tmb=tambien; tbn=tambien; mu=muy; mui=muy; bn=bien; " +
      "nose=no se; aver=a ver; exelente=excelente; ecxelente=excelente; escelente=excelente; horible=horrible; orrible=horrible; " +
      "grasias=gracias; grax=gracias; grx=gracias; ntp=no te preocupes; " +
      "genia=genial; xfa=por favor; porfa=por favor; " +
      "sta=esta; tmp=tampoco; nd=nada; toy=estoy",
  ),
  solvers: ["resolv", "resuel", "solucion", "arregl", "repar", "atend"],
  negationWindow: 3,
});

export const ENGLISH: LanguageRules = withFirstWords({
  negators: set(
    "not no never none nobody nothing nowhere neither nor without cannot cant dont didnt doesnt isnt wasnt arent werent couldnt wouldnt " +
      "shouldnt wont havent hasnt hadnt aint zero",
  ),
  adjacentNegators: set("zero"),
  boosters: weights(
    "very=1; really=1; so=1; sooo=1.2; super=1; extremely=1.2; incredibly=1.2; totally=1; completely=1; absolutely=1; highly=1; truly=1; " +
      "utterly=1.2; thoroughly=1; especially=0.8; particularly=0.8; most=0.8; too=0.6; way=0.8; quite=0.6; pretty=0.5; fairly=-0.3; " +
      "remarkably=1; exceptionally=1.2; insanely=1.2; seriously=0.8; terribly=1; awfully=1; " +
      "slightly=-1; somewhat=-0.6; barely=-1; hardly=-1; kinda=-0.6; sorta=-0.6; marginally=-1; partly=-0.6; almost=-0.6",
  ),
  boosterPhrases: weights("a bit=-0.8; a little=-0.8; kind of=-0.6; sort of=-0.6; at all=0.5"),
  contrast: set("but however yet"),
  contrastPhrases: set(""),
  concessive: set("although though despite"),
  concessivePhrases: set("even though; even if; in spite"),
  spelling: map(
    "u=you; ur=your; luv=love; gr8=great; thx=thanks; thanx=thanks; ty=thank you; pls=please; plz=please; awsome=awesome; " +
      "definately=definitely; recieved=received; terible=terrible; horible=horrible; aweful=awful; dissapointed=disappointed; " +
      "dissapointing=disappointing; disapointed=disappointed; realy=really; verry=very; excelent=excellent; " +
      "im=i'm; ive=i've; thankyou=thank you",
  ),
  solvers: ["fix", "solv", "resolv", "sort", "handl", "address", "repair", "took care"],
  negationWindow: 3,
});

export function rulesFor(language: Language): LanguageRules {
  return language === "es" ? SPANISH : ENGLISH;
}

/** True for English contractions ending in n't ("didn't", "can't"). */
export function isContractedNegation(word: string): boolean {
  return word.endsWith("n't");
}
