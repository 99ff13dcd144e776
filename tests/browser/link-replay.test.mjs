// A page link replays outside the browser: N epochs in the real page (Step clicked N times)
// give, bit for bit, the per-epoch losses of `nnplay train --link '<the page's URL hash>'
// --epochs N` and of the JS API's fromLink. The links cover every setting the hash carries:
// dataset, noise, split, seed (a number and a TF-style text), features, layers, per-layer
// activations, loss, optimiser, regularisation, batch size, initialiser. The page's losses are
// read from its loss chart (window.nnplayDebug().losses, the doubles it draws); the training
// loss shown to the reader must be the CLI's final value in the page's format.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { fmtLoss } from '../../web/app/format.js';
import { epochOf, stepEpochs } from './page-steps.mjs';

const cli = process.env.NNPLAY_CLI || path.join(ROOT, process.env.NATIVE_BUILD || 'build/native', 'nnplay');
if (!existsSync(cli)) throw new Error(`link replay: native CLI not found at ${cli}; build it with 'bash scripts/build.sh native'`);
const N = 8;
const LINKS = [
  '#dataset=spiral&noise=20&percTrainData=60&seed=0.83747&sinX=true&sinY=true&networkShape=6,4&activation=relu' +
    '&regularization=L1&regularizationRate=0.003&batchSize=7&learningRate=0.03&init=playground',
  '#dataset=blobs&classes=3&loss=half_mse&networkShape=5,3&activations=tanh,gelu&optimizer=momentum' +
    '&learningRate=0.01&regularization=L2&regularizationRate=0.01&init=he_normal&seed=7&batchSize=16&percTrainData=40',
  '#problem=regression&regDataset=reg-gauss&noise=10&xTimesY=true&networkShape=8&activation=swish&optimizer=adam' +
    '&learningRate=0.003&initZero=false&init=glorot_uniform&seed=12&batchSize=4',
];

const server = await startServer();
const browser = await launch();
const nn = await createNNPlay();
after(async () => { await browser.close(); server.stop(); });


for (const [i, link] of LINKS.entries()) {
  test(`link ${i + 1}: ${N} epochs in the page equal the CLI's and the API's bit for bit`, async () => {
    const { page, problems } = await openPage(browser.context, server.url + link);
    await waitReady(page);
    const { losses: pageLosses, shownTrain, hash } = await stepEpochs(page, N);
    assert.equal(await epochOf(page), N);
    await shot(page, `link-replay-${i + 1}`);
    await page.close();

    // the page writes every key back; the CLI and the API get that hash, as a user would copy it
    const native = JSON.parse(execFileSync(cli, ['train', '--link', hash, '--epochs', String(N), '--json'], { encoding: 'utf8' }));
    const { data, net, train, errors } = nn.fromLink(hash);
    assert.deepEqual(errors, []);
    const api = net.trainEpochs(data, { ...train, epochs: N });
    net.delete();
    data.delete();

    assert.equal(pageLosses.stride, 1);
    assert.equal(native.epochs.length, N);
    for (let e = 0; e < N; e++) {
      const n = native.epochs[e];
      assert.equal(pageLosses.train[e], n.train_loss, `epoch ${e + 1} train loss: page ${pageLosses.train[e]}, CLI ${n.train_loss}`);
      assert.equal(pageLosses.test[e], n.test_loss, `epoch ${e + 1} test loss: page ${pageLosses.test[e]}, CLI ${n.test_loss}`);
      assert.equal(api[e].train.loss, n.train_loss, `epoch ${e + 1} train loss: API ${api[e].train.loss}, CLI ${n.train_loss}`);
      assert.equal(api[e].test.loss, n.test_loss, `epoch ${e + 1} test loss (API)`);
    }
    // what the reader sees is the CLI's number in the page's format
    assert.equal(shownTrain, fmtLoss(native.epochs[N - 1].train_loss));
    assert.deepEqual(problems, []);
  });
}
