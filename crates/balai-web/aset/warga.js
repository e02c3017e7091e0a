// Registers the portal's service worker (offline page, installable app).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/warga/sw.js", { scope: "/warga" }).catch(() => {});
}
// Confirm before destructive or final actions marked with data-yakin.
document.addEventListener("submit", (e) => {
  const f = e.target;
  if (f.dataset && f.dataset.yakin && !window.confirm(f.dataset.yakin)) e.preventDefault();
});
