/**
 * Emoji and emoticons, for both languages (CXM's own ratings, MIT), on
 * VADER's −4 … 4 scale. Emoji are matched without skin tones or variation
 * selectors. VADER's lexicon rates emoticons too; for English its ratings
 * win, these fill the gaps and serve Spanish.
 */
export const EMOJI: Record<string, string> = {
  "-3.5": "🤮 🤬 💩",
  "-3": "😡 😠 👿 🖕",
  "-2.5": "😤 😞 😢 😭 😩 😫 😖 😣 👎 💔 </3 :'( >:(",
  "-2": "😒 🙁 ☹ 😔 😟 🙄 😓 😰 😨 😥 😪 🤦 🤬 ❌ ⛔ 🚫 😑 :( :-( =( :[ D: :@",
  "-1.5": "😕 💸 😬 😱 😳 🤨 🐌 ⏳ ⌛ :S :s :/ :-/",
  "-0.5": "😐 😶 -_- :| :-|",
  "1": "🎁 😅 🆗 :P :p :-P 😋",
  "1.5": "🙂 😉 😂 🤣 😌 ⭐ ✅ ✔ 🚀 ;) ;-) :] =) ^^ ^_^",
  "2": "👍 👌 👏 🙏 🔥 🎉 🥳 💪 😀 😃 🌟 ✨ 🏆 🥇 :) :-) 😎 🤩",
  "2.5": "😊 😄 😁 🙌 💯 😘 💚 💙 💜 🧡 💛 🤗 :D :-D xD XD <3",
  "3": "😍 🥰 ❤ 💖 💕 💗 💓 💞 ♥ 😻",
};
