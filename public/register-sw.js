// Offline use: registers sw.js beside index.html (relative, so any sub-path works). See sw.js.
if ('serviceWorker' in navigator && isSecureContext) {
  addEventListener('load', () => navigator.serviceWorker.register('sw.js').catch((e) => console.warn('teamshape: no offline use:', e)));
}
