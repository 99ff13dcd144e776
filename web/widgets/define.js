// Registers the elements once (a page may load the bundle twice: the second is a no-op).
import { NNWeightCount } from './weight-count.js';
import { NNDiagram } from './nn-diagram.js';
import { NNPlayground } from './playground.js';
import { NNDigits } from './digits.js';

export function defineAll() {
  const defs = [['nn-weight-count', NNWeightCount], ['nn-diagram', NNDiagram], ['nn-playground', NNPlayground], ['nn-digits', NNDigits]];
  for (const [name, cls] of defs) if (!customElements.get(name)) customElements.define(name, cls);
}
