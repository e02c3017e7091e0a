// Balai resident portal service worker: keeps the offline page and the style sheet, and shows
// the offline page when a page cannot be loaded. Personal pages are never cached.
const CACHE = "balai-warga-1";
const SIMPAN = ["/warga/luring", "/aset/warga.css", "/warga/ikon.svg"];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SIMPAN)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys()
      .then((ks) => Promise.all(ks.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (e) => {
  const r = e.request;
  if (r.method !== "GET") return;
  if (r.mode === "navigate") {
    e.respondWith(fetch(r).catch(() => caches.match("/warga/luring")));
    return;
  }
  const url = new URL(r.url);
  if (SIMPAN.includes(url.pathname)) {
    e.respondWith(caches.match(r).then((x) => x || fetch(r)));
  }
});
