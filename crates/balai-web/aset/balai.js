// Small helpers for the admin screens; every screen also works without them.
document.addEventListener("submit", (e) => {
  const f = e.target;
  if (f.dataset && f.dataset.yakin && !window.confirm(f.dataset.yakin)) e.preventDefault();
});
document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest(".cetak-halaman")) window.print();
});
