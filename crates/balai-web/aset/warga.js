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

// Phone photos of documents are shrunk before upload (at most 1600 px, JPEG): a 4 MB camera
// picture becomes a few hundred KB, which matters on a slow village connection.
document.addEventListener("change", async (e) => {
  const input = e.target;
  if (!input.matches || !input.matches("input[type=file][data-perkecil]") || !input.files.length) return;
  const f = input.files[0];
  if (!f.type.startsWith("image/") || f.size < 400 * 1024) return;
  try {
    const gambar = await createImageBitmap(f);
    const skala = Math.min(1, 1600 / Math.max(gambar.width, gambar.height));
    const kanvas = document.createElement("canvas");
    kanvas.width = Math.round(gambar.width * skala);
    kanvas.height = Math.round(gambar.height * skala);
    kanvas.getContext("2d").drawImage(gambar, 0, 0, kanvas.width, kanvas.height);
    const blob = await new Promise((ok) => kanvas.toBlob(ok, "image/jpeg", 0.82));
    if (!blob || blob.size >= f.size) return;
    const dt = new DataTransfer();
    dt.items.add(new File([blob], f.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }));
    input.files = dt.files;
  } catch (_) {
    // Left as it is: the server still checks the size and says what to do.
  }
});
