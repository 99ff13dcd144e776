// Snapshots of what the page and the embeds draw, rendered by their own code in headless
// Chromium and serialised: the diagram SVG (web/app/diagram.js) for a small network with fixed
// weights and for a collapsed wide one, the page's parameter panel (web/app/params.js) for the
// README's 256-128-64, and the embeds' shadow DOM: <nn-weight-count> (its compact diagram and
// counts) and <nn-diagram> drawing web/examples/xor-2-4-2-1.json. Numbers are rounded to two
// decimals and thumbnails' data: URLs elided (tests/snapshots/snapshot.mjs).
import { test, before, after } from 'node:test';
import { startServer, launch } from '../browser/harness.mjs';
import { assertSnapshot, elideDataURLs, markupLines, roundNumbers } from './snapshot.mjs';

let srv, browser, page;
const normalise = (markup) => markupLines(roundNumbers(elideDataURLs(markup)));

before(async () => {
  srv = await startServer();
  browser = await launch();
  page = await browser.context.newPage();
  // An empty page of the site's origin, so the page's own modules import from /app/ and /lib/.
  await page.route('**/__snapshots.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body></body></html>',
  }));
  await page.goto(srv.url + '__snapshots.html');
});
after(async () => { await browser?.close(); srv?.stop(); });

// The diagram of a network with weights w[k] = 2 sin(k + 1 + 7b) in block b and biases cos(k + 1) / 2:
// fixed, signed and varied, so link colours and widths are all exercised.
async function diagramSVG(model) {
  return page.evaluate(async (m) => {
    const { createDiagram, svgToString } = await import('/app/diagram.js');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.replaceChildren(svg);
    const d = createDiagram(svg);
    d.render(m);
    const widths = [m.inputs.length, ...m.widths];
    const weights = widths.slice(1).map((out, b) =>
      Float32Array.from({ length: widths[b] * out }, (_, k) => Math.sin(k + 1 + 7 * b) * 2));
    const biases = m.widths.map((n) => Float32Array.from({ length: n }, (_, k) => Math.cos(k + 1) / 2));
    d.update({ weights, biases });
    return svgToString(svg);
  }, model);
}

test('diagram: 2-4-2-1 tanh with weights', async () => {
  const svg = await diagramSVG({ inputs: ['x1', 'x2'], widths: [4, 2, 1], activations: ['tanh', 'tanh', 'tanh'] });
  assertSnapshot('diagram-2-4-2-1.svg', normalise(svg));
});

test('diagram: 784-256-128-10 collapsed, softmax output', async () => {
  const inputs = Array.from({ length: 784 }, (_, i) => `px${i}`);
  const svg = await diagramSVG({ inputs, widths: [256, 128, 10], activations: ['relu', 'relu', 'softmax'] });
  assertSnapshot('diagram-784-256-128-10.svg', normalise(svg));
});

test("page parameter panel: 256-128-64 (Adam's state shown)", async () => {
  const html = await page.evaluate(async () => {
    const { createNNPlay } = await import('/lib/nnplay.mjs');
    const { renderParams } = await import('/app/params.js');
    const nn = await createNNPlay();
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    renderParams(root, nn.countParameters([256, 128, 64]),
      { layerNames: ['input', 'hidden 1', 'output'], optimizer: 'adam' });
    return root.innerHTML;
  });
  assertSnapshot('params-panel-256-128-64.html', normalise(html));
});

// An embed's shadow DOM once it has drawn (the one-file bundle, as an article loads it).
async function widgetHTML(tag, attrs, ready) {
  return page.evaluate(async ([tagName, attributes, readySelector]) => {
    if (!customElements.get('nn-weight-count')) {
      await new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = '/gen/nnplay-widgets.js';
        s.onload = resolve;
        s.onerror = () => reject(new Error('widgets bundle did not load'));
        document.head.appendChild(s);
      });
    }
    const el = document.createElement(tagName);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    document.body.replaceChildren(el);
    const t0 = performance.now();
    while (!el.shadowRoot?.querySelector(readySelector)) {
      if (performance.now() - t0 > 20000) throw new Error(`${tagName} did not draw within 20 s: ${el.shadowRoot?.textContent}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // then until nothing changes for half a second (thumbnails arrive after the drawing)
    let last = '';
    while (el.shadowRoot.innerHTML !== last) {
      last = el.shadowRoot.innerHTML;
      await new Promise((r) => setTimeout(r, 500));
    }
    // the embed's stylesheet is its look, not its drawing: kept out of the snapshot
    return [...el.shadowRoot.childNodes].map((n) => {
      if (n.nodeType !== Node.ELEMENT_NODE) return n.textContent;
      if (n.localName === 'style') return '';
      const copy = n.cloneNode(true);
      for (const st of copy.querySelectorAll('style')) st.remove();
      return copy.outerHTML;
    }).join('');
  }, [tag, attrs, ready]);
}

test('<nn-weight-count layers="256,128,64">', async () => {
  const html = await widgetHTML('nn-weight-count', { layers: '256,128,64' }, '[data-state="ok"] svg');
  assertSnapshot('nn-weight-count-256-128-64.html', normalise(html));
});

test('<nn-diagram model="xor-2-4-2-1.json">', async () => {
  const html = await widgetHTML('nn-diagram', { model: '/examples/xor-2-4-2-1.json' }, 'svg .link');
  assertSnapshot('nn-diagram-xor-2-4-2-1.html', normalise(html));
});
