// Balai posyandu service worker: keeps the posyandu pages a cadre opened, and the form of each
// child of that day, so that a posyandu day goes on without signal. Only pages under this
// worker's scope and the app's own assets are kept; saving is done by the page (posyandu.js).
// Logging out clears it all (Clear-Site-Data).
const CACHE = "balai-posyandu-1";
const LURING =
  '<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  "<title>Tidak ada sinyal — Balai</title><body style=\"font-family:sans-serif;padding:1rem\"><h1>Tidak ada sinyal</h1>" +
  "<p>Halaman ini belum pernah dibuka di ponsel ini, jadi tidak dapat ditampilkan tanpa sinyal. " +
  "Tekan tombol kembali ke daftar balita posyandu; catatan yang sudah disimpan tetap aman di ponsel.</p></body></html>";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

async function simpan(req, res) {
  const c = await caches.open(CACHE);
  await c.put(req, res);
}

// The day page lists its children's forms: fetch and keep them while there is signal.
self.addEventListener("message", (e) => {
  const d = e.data || {};
  if (!Array.isArray(d.simpan)) return;
  e.waitUntil(
    (async () => {
      for (const u of d.simpan) {
        try {
          const r = await fetch(u, { credentials: "same-origin" });
          if (r.ok && !r.redirected) await simpan(u, r);
        } catch (_) {
          return; // the signal is gone: keep what was saved
        }
      }
    })()
  );
});

self.addEventListener("fetch", (e) => {
  const r = e.request;
  if (r.method !== "GET") return;
  const url = new URL(r.url);
  const cakupan = new URL(self.registration.scope).pathname;
  const halaman = r.mode === "navigate" && url.pathname.startsWith(cakupan);
  const aset = url.origin === self.location.origin && (url.pathname.startsWith("/aset/") || url.pathname === "/favicon.ico");
  if (!halaman && !aset) return;
  e.respondWith(
    fetch(r)
      .then((res) => {
        // A redirect (e.g. to the login page) is never kept in place of the page asked for.
        if (res.ok && !res.redirected) e.waitUntil(simpan(r, res.clone()));
        return res;
      })
      .catch(
        async () =>
          (await caches.match(r)) ||
          (await caches.match(r, { ignoreSearch: true })) ||
          new Response(LURING, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } })
      )
  );
});
