import type { Layer, Send } from "./types.js";

/** `compose([a, b, c], send)` runs a → b → c → send: the first layer is the outermost. */
export function compose(layers: readonly (Layer | undefined)[], send: Send): Send {
  return layers.reduceRight<Send>((next, layer) => (layer ? layer(next) : next), send);
}
