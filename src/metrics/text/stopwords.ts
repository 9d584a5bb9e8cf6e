/**
 * Words that are never a theme: function words, and the generic evaluative
 * words every comment uses ("bien", "great", "gracias") — their sentiment
 * counts, but as themes they would crowd out what customers talk about.
 * CXM's lists (MIT), folded (no accents).
 */
import type { Language } from "./lexicon";

const list = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

const SPANISH = list(`
a al algo algun alguna algunas alguno algunos alli ante antes aqui asi aun aunque bajo cada casi como con contra cual cuales cuando cuanto de del desde
donde dos durante e el ella ellas ello ellos en entre era eran eres es esa esas ese eso esos esta estaba estaban estado estamos estan estar estas este
esto estos estoy fue fueron fui ha habia habian haber hace hacen hacer hacia han has hasta hay he hemos hice hizo la las le les lo los mas me mi mis
mucho muchos muy nada ni no nos nosotros nuestra nuestro o os otra otras otro otros para pero poco por porque pues que quien se sea segun ser si sido
siempre sin sobre solo son su sus tal tambien tan tanto te tenia tener tengo tiene tienen todo todos tras tu tus tuve un una unas uno unos usted ustedes
vez y ya yo q xq tb ahora despues luego entonces mismo misma vuestro vuestra vosotros estuvo tuvo puede pueden podria hubiera habria seria sera
bien mal bueno buena buenos buenas buen malo mala malos malas mejor peor genial excelente perfecto perfecta gracias muchas todo toda todas
super muchisimo demasiado bastante totalmente nunca jamas tampoco nadie ningun ninguna cero dia dias vez veces cosa cosas ok vale si
me te le nos les se mi tu su lo la los las algo otro otra cual quiere quiero queria gustaria hola saludos favor
llego llegaron llega llegan dijo dijeron dicen decir pedi hice alguien nadie cada vez
`);

const ENGLISH = list(`
a about above after again against all also am an and any are aren't as at be because been before being below between both but by can can't cannot
could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he her here
hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most my myself no nor not now of off
on once only or other our ours ourselves out over own same she should shouldn't so some such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those through to too under until up us very was wasn't we we'd we'll we're we've were
weren't what what's when where which while who whom why will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
get got getting really still even ever never always much many lot lots thing things one two day days way again back also
good great bad best worst better worse thanks thank nice awesome excellent perfect amazing terrible awful ok okay fine well yes
dont didnt doesnt isnt wasnt cant wont im ive u ur pls please hi hello
came come comes arrived said say says went go goes everything nothing something anything everyone nobody someone anyone
`);

export function isStopWord(word: string, language: Language): boolean {
  return (language === "es" ? SPANISH : ENGLISH).has(word);
}
