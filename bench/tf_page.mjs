// nnplay's tfMode against the REAL TF Playground page (issue 11: "links from TF Playground
// train as they do there"). The page, built from TF Playground's published source, lives only
// on the development machine (../shared/peers/tf-playground/dist, or NNPLAY_TF_PLAYGROUND); it
// is used for this side-by-side measurement only, none of its code is copied. Where it is
// absent this script says so and exits 0 with {skipped} (CI has no such folder).
// For each TF link: open it in TF's page in headless Chromium, read its training points from
// its heatmap's SVG circles (pixel centres → data coordinates through its axis, [-6, 6] over
// 260 px) and their colours (classes), click its Step button and read the losses it displays
// (3 decimals) after chosen steps; then build the same link with nnplay's core (JS API
// fromLink, the path the page and `nnplay train --link` share) and compare.
//   node bench/tf_page.mjs [--json] [--steps=1,5,25,100]
import os from 'node:os';
import { launch } from '../tests/browser/harness.mjs';
import { findPeer, servePeer } from './peer.mjs';
import { createNNPlay } from '../web/lib/nnplay.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? true];
}));
const STEPS = String(args.steps ?? '1,5,25,100').split(',').map(Number);
const log = (m) => process.stderr.write(m + '\n');

// Links as TF Playground writes them (its state.ts order, every key).
const tfLink = (o) => '#' + Object.entries({ activation: 'tanh', batchSize: 10, dataset: 'circle', regDataset: 'reg-plane',
  learningRate: 0.03, regularizationRate: 0, noise: 0, networkShape: '4,2', seed: '0.83747', showTestData: false,
  discretize: false, percTrainData: 50, x: true, y: true, xTimesY: false, xSquared: false, ySquared: false, cosX: false,
  sinX: false, cosY: false, sinY: false, collectStats: false, problem: 'classification', initZero: false, hideText: false,
  ...o }).map(([k, v]) => `${k}=${v}`).join('&');
const LINKS = [
  { name: 'circle, TF defaults', link: tfLink({}) },
  { name: 'spiral, noise 20, sin features, 6-4, batch 30', link: tfLink({ dataset: 'spiral', noise: 20, sinX: true, sinY: true,
    networkShape: '6,4', batchSize: 30, seed: '0.36512' }) },
  { name: 'xor, L1 0.001, 70% train', link: tfLink({ dataset: 'xor', noise: 15, percTrainData: 70, regularization: 'L1',
    regularizationRate: 0.001, seed: '0.59112' }).replace('&batchSize', '&regularization=L1&batchSize') },
  { name: 'gauss, noise 30, relu 3', link: tfLink({ dataset: 'gauss', noise: 30, activation: 'relu', networkShape: '3', seed: '0.44444' }) },
  { name: 'regression plane, noise 10', link: tfLink({ problem: 'regression', noise: 10, networkShape: '3', learningRate: 0.01, seed: '0.77031' }) },
];

const peer = findPeer();
if (!peer.dir) {
  const reason = `TF Playground's page is not on this machine (looked in ${peer.tried.join(', ')}); the comparison with the real page was skipped`;
  log(`tf_page: ${reason}`);
  if (args.json) process.stdout.write(JSON.stringify({ skipped: reason }) + '\n');
  process.exit(0);
}

const nn = await createNNPlay();
const srv = await servePeer(peer.dir);
const browser = await launch();
const results = [];
try {
  for (const c of LINKS) {
    const { page } = await (async () => {
      const p = await browser.context.newPage();
      await p.setViewportSize({ width: 1400, height: 1000 });
      return { page: p };
    })();
    await page.goto(srv.url + 'index.html' + c.link);
    await page.waitForSelector('#heatmap svg g.train circle');
    // TF draws only the points inside [-6, 6]²; the heatmap's axis maps that to 0…260 px (y down).
    const shown = await page.evaluate(() => [...document.querySelectorAll('#heatmap svg g.train circle')].map((e) =>
      ({ cx: Number(e.getAttribute('cx')), cy: Number(e.getAttribute('cy')), fill: e.style.fill })));
    const invert = (px, r0, r1) => { const t = px / 260; return r0 * (1 - t) + r1 * t; };
    const losses = [];
    let done = 0;
    for (const k of STEPS) {
      while (done < k) { await page.click('#next-step-button'); done++; }
      await page.waitForFunction((n) => Number(document.querySelector('#iter-number').textContent.replace(/,/g, '')) === n, k);
      losses.push({ step: k, train: await page.textContent('#loss-train'), test: await page.textContent('#loss-test') });
    }
    await page.close();

    // nnplay: the same link through the core
    const { settings, errors, data, net, train } = nn.fromLink(c.link);
    const p = data.points(), labels = data.labels();
    const ours = [];
    for (let i = 0; i < data.trainSize; i++)
      if (p.x1[i] >= -6 && p.x1[i] <= 6 && p.x2[i] >= -6 && p.x2[i] <= 6) ours.push({ x: p.x1[i], y: p.x2[i], label: labels[i] });
    let worstPoint = 0, classWrong = 0;
    const regression = settings.problem === 'regression';
    const n = Math.min(ours.length, shown.length);
    for (let i = 0; i < n; i++) {
      const x = invert(shown[i].cx, -6, 6), y = invert(shown[i].cy, 6, -6);
      worstPoint = Math.max(worstPoint, Math.abs(x - ours[i].x), Math.abs(y - ours[i].y));
      if (!regression) {
        const blue = /rgb\(8, 119, 189\)/.test(shown[i].fill);  // TF's colour for +1
        if (blue !== (ours[i].label === 1)) classWrong++;
      }
    }
    const reps = net.trainEpochs(data, { ...train, epochs: STEPS[STEPS.length - 1] });
    const lossRows = losses.map((l) => {
      const r = reps[l.step - 1];
      return { step: l.step, tf: [l.train, l.test], nnplay: [r.train.loss.toFixed(3), r.test.loss.toFixed(3)],
        nnplayExact: [r.train.loss, r.test.loss] };
    });
    const lossesAgree = lossRows.every((r) => r.tf[0] === r.nnplay[0] && r.tf[1] === r.nnplay[1]);
    results.push({ case: c.name, link: c.link, tfMode: settings.tfMode, errors, pointsTF: shown.length, pointsNnplay: ours.length,
      worstPointDiff: worstPoint, classWrong, losses: lossRows, lossesAgree });
    data.delete();
    net.delete();
    log(`tf_page: ${c.name}: ${shown.length} vs ${ours.length} training points shown, worst |Δ| ${worstPoint.toExponential(2)}, ` +
      `${classWrong} colours differ; losses (3 decimals, TF's display) ${lossesAgree ? 'agree' : 'DIFFER'} at steps ${STEPS.join(', ')}`);
  }
} finally {
  await browser.close();
  srv.stop();
}
const out = { meta: { date: new Date().toISOString(), loadavg: os.loadavg(), peer: peer.dir, steps: STEPS }, results };
if (args.json) process.stdout.write(JSON.stringify(out) + '\n');
else {
  for (const r of results) {
    console.log(`${r.case}: tfMode ${r.tfMode}; training points TF ${r.pointsTF}, nnplay ${r.pointsNnplay}, worst |Δ| ${r.worstPointDiff.toExponential(2)}, colours differing ${r.classWrong}`);
    for (const l of r.losses) console.log(`  step ${l.step}: TF shows ${l.tf.join(' / ')}, nnplay ${l.nnplay.join(' / ')} (${l.nnplayExact.map((v) => v.toPrecision(8)).join(' / ')})`);
  }
}
const bad = results.filter((r) => !r.lossesAgree || r.classWrong || r.pointsTF !== r.pointsNnplay || r.worstPointDiff > 1e-9);
// Standalone, a difference is an exit code; under run.mjs (--json) the table says it.
if (bad.length) { log(`tf_page: ${bad.length} link(s) differ from TF Playground's page: ${bad.map((r) => r.case).join('; ')}`); if (!args.json) process.exitCode = 1; }
