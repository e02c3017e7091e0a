// Registers the portal's service worker (offline page, installable app).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/warga/sw.js", { scope: "/warga" }).catch(() => {});
}
// A page restored from the back/forward cache after logout is reloaded from the server.
window.addEventListener("pageshow", (e) => { if (e.persisted) window.location.reload(); });
// Confirm before destructive or final actions marked with data-yakin.
document.addEventListener("submit", (e) => {
  const f = e.target;
  if (f.dataset && f.dataset.yakin && !window.confirm(f.dataset.yakin)) e.preventDefault();
});
