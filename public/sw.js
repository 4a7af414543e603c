// teamshape's service worker: the app works offline once it has been opened.
//
// The two lines marked "generated" are filled in at build time by scripts/precache.mjs (Trunk's
// post_build hook): every file of the build, with the exact hashed names index.html refers to,
// and a version derived from the files' contents. Never edit them by hand.
//
// - install: fetch every file of this build into one cache named after the version, bypassing
//   the HTTP cache, and take over at once (skipWaiting).
// - activate: delete this scope's caches of other versions, then control open pages (claim).
// - index.html (and the folder URL): network first, so a new deploy is picked up; offline, or
//   when the server answers 404 or 5xx (mid-deploy), the index.html of this very version, whose hashed files are all in the same cache. The cached
//   index.html is never replaced by a newer one from the network: a newer one names files
//   this cache does not have. The next version's worker brings its own.
// - the build's other files: cache first (their names change when their content does).
// - anything else, other paths included: the network, untouched.

const VERSION = '__TEAMSHAPE_VERSION__'; // generated
const FILES = ['__TEAMSHAPE_FILES__']; // generated: paths relative to this file

// CacheStorage is per origin: the scope keeps two deployments under different sub-paths of one
// host from deleting each other's caches.
const PREFIX = `teamshape:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;
const here = (path) => new URL(path, self.registration.scope).href;
const INDEX = here('index.html');
const SCOPE = here('./');
const PRECACHED = new Set(FILES.map(here));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(FILES.map((path) => new Request(here(path), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request) {
  // Only this version's index.html: it names exactly the hashed files cached beside it.
  const cached = () => caches.open(CACHE).then((cache) => cache.match(INDEX, { ignoreVary: true }));
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const fallback = await cached();
    if (fallback) return fallback;
    throw offline;
  }
  // A 404 or 5xx mid-deploy (or a host's error page) must not replace a working app.
  if (response.status >= 400) return (await cached()) ?? response;
  return response;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  url.search = '';
  if (url.href === SCOPE || url.href === INDEX) {
    event.respondWith(networkFirst(request));
  } else if (PRECACHED.has(url.href)) {
    event.respondWith(cacheFirst(request));
  }
});
