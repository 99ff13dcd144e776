// Exports from the page: files for download, the diagram as SVG/PNG, and the Keras/PyTorch code
// for a model file (the text itself is made by export_code.js, which has no DOM).
import { kerasCode, pytorchCode } from './export_code.js';
import { svgToString } from './diagram.js';

// as: 'keras' | 'pytorch'; json: the model file the worker exported (docs/model-format.md);
// opts: { inputNames, training } as export_code.js takes them.
export function exportCode(as, json, opts) {
  const model = JSON.parse(json);
  return as === 'keras' ? kerasCode(model, opts) : pytorchCode(model, opts);
}

export function download(name, blob) {
  const a = document.createElement('a');
  const url = URL.createObjectURL(blob);
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function diagramSVGBlob(svg) {
  return new Blob([svgToString(svg)], { type: 'image/svg+xml' });
}

// Renders the diagram's SVG into a PNG at 2× (through a blob: image; the CSP allows blob: images).
export function diagramPNGBlob(svg, scale = 2) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(diagramSVGBlob(svg));
    const img = new Image();
    img.onload = () => {
      const w = Number(svg.getAttribute('width')) || img.width, h = Number(svg.getAttribute('height')) || img.height;
      const c = document.createElement('canvas');
      c.width = Math.round(w * scale); c.height = Math.round(h * scale);
      const ctx = c.getContext('2d');
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, w, h);
      URL.revokeObjectURL(url);
      c.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png');
    };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('the diagram could not be drawn as an image')); };
    img.src = url;
  });
}
