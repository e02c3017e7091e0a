// Posyandu days on a phone without signal. The day page asks the service worker to keep the
// form of every child; a form saved without a connection waits in this phone's storage (one
// entry per child and day) and is sent when the connection returns. Each entry carries a key
// the server remembers, so an entry sent twice is recorded once.
(() => {
  const badan = document.body.dataset;
  const akar = badan.posyandu; // "/desa/KODE/kesehatan/"
  if (!akar) return;
  // The practice village keeps its own queue and no offline copies, so a real entry waiting
  // for signal is never sent to the practice village (or the other way round).
  const latihan = badan.latihan === "1";
  const ANTREAN = latihan ? "balai-posyandu-antrean-latihan" : "balai-posyandu-antrean";

  const baca = () => {
    try {
      return JSON.parse(localStorage.getItem(ANTREAN) || "[]");
    } catch (_) {
      return [];
    }
  };
  const tulis = (a) => localStorage.setItem(ANTREAN, JSON.stringify(a));

  if (!latihan && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(akar + "sw.js", { scope: akar }).catch(() => {});
  }

  // Sends one entry: "ok", "ditolak" (the server refused it; its message is kept) or "tunda"
  // (no connection, or the session ended: try again later).
  async function kirim(e) {
    const isi = new URLSearchParams(e.data);
    // The session may have been renewed since the entry was queued: send today's token.
    if (badan.csrf) isi.set("_csrf", badan.csrf);
    let r;
    try {
      r = await fetch(e.url, {
        method: "POST",
        body: isi,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
      });
    } catch (_) {
      return "tunda";
    }
    if (r.type === "opaqueredirect" || r.status === 401) {
      e.pesan = "Sesi sudah berakhir: masuk lagi, lalu buka halaman posyandu ini untuk mengirim.";
      return "tunda";
    }
    let j = null;
    try {
      j = await r.json();
    } catch (_) {
      j = null;
    }
    if (r.ok && j && j.ok) return "ok";
    if (r.status === 422 && j) {
      e.pesan = [j.umum, ...(j.galat || []).map((g) => g.pesan)].filter(Boolean).join(" ");
      return "ditolak";
    }
    if (r.status >= 400 && r.status < 500) {
      e.pesan = "Ditolak oleh server (kode " + r.status + "). Catat ulang anak ini.";
      return "ditolak";
    }
    return "tunda";
  }

  let sibuk = false;
  async function kirimSemua() {
    if (sibuk) return;
    sibuk = true;
    let terkirim = 0;
    try {
      const a = baca();
      for (const e of a) {
        if (e.status === "ditolak") continue;
        const h = await kirim(e);
        if (h === "tunda") break;
        e.status = h;
        if (h === "ok") terkirim++;
      }
      tulis(a.filter((e) => e.status !== "ok"));
    } finally {
      sibuk = false;
    }
    tampilkan();
    // The list on the server now knows these children: show it as it is.
    if (terkirim > 0 && document.getElementById("daftar-balita")) location.reload();
  }

  // The day page: what waits on this phone, and each waiting child marked in the list.
  function tampilkan() {
    const kotak = document.getElementById("antrean-posyandu");
    if (!kotak) return;
    const a = baca();
    kotak.hidden = a.length === 0;
    const tunggu = a.filter((e) => e.status !== "ditolak");
    document.getElementById("antrean-jumlah").textContent = String(tunggu.length);
    const daftar = document.getElementById("antrean-ditolak");
    daftar.replaceChildren();
    for (const e of a.filter((x) => x.status === "ditolak")) {
      const li = document.createElement("li");
      li.textContent = e.nama + " (" + e.tanggal + "): " + (e.pesan || "ditolak") + " ";
      const hapus = document.createElement("button");
      hapus.type = "button";
      hapus.className = "kedua";
      hapus.textContent = "Hapus dari ponsel";
      hapus.addEventListener("click", () => {
        tulis(baca().filter((x) => !(x.pid === e.pid && x.tanggal === e.tanggal)));
        tampilkan();
      });
      li.append(hapus);
      daftar.append(li);
    }
    for (const li of document.querySelectorAll("#daftar-balita li[data-pid]")) {
      const ada = tunggu.some((e) => e.pid === li.dataset.pid && e.tanggal === li.dataset.tanggal);
      li.classList.toggle("menunggu", ada);
      const tanda = li.querySelector(".tanda-antre");
      if (tanda) tanda.hidden = !ada;
    }
  }

  const daftar = document.getElementById("daftar-balita");
  if (daftar && !latihan && "serviceWorker" in navigator) {
    const bentuk = [...daftar.querySelectorAll("a[data-form]")].map((x) => x.href);
    navigator.serviceWorker.ready
      .then((r) => r.active && r.active.postMessage({ simpan: [location.href, ...bentuk] }))
      .catch(() => {});
  }
  const tombol = document.getElementById("antrean-kirim");
  if (tombol) tombol.addEventListener("click", kirimSemua);

  // A child's form: saved online as usual; without a connection it waits on this phone.
  const form = document.getElementById("form-timbang");
  if (form) {
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      // Pairs, not an object: ticked immunisations repeat the field name.
      const data = [...new FormData(form).entries()];
      const tanggal = (data.find(([k]) => k === "tanggal") || [])[1];
      const e = { url: form.action, data, pid: form.dataset.pid, nama: form.dataset.nama, tanggal, status: "antre" };
      const h = await kirim(e);
      if (h === "ok") {
        location.href = form.dataset.kembali + "&ok=penimbangan";
      } else if (h === "ditolak") {
        // The server shows the form again with its messages and what was typed.
        form.submit();
      } else {
        tulis([...baca().filter((x) => !(x.pid === e.pid && x.tanggal === e.tanggal)), e]);
        location.href = form.dataset.kembali;
      }
    });
  }

  // Logging out clears this phone's copy of the posyandu: say so if entries still wait.
  for (const f of document.querySelectorAll("form[action='/keluar']")) {
    f.addEventListener("submit", (ev) => {
      const n = baca().length;
      if (n > 0 && !window.confirm(n + " catatan penimbangan belum terkirim dan akan hilang dari ponsel ini bila Anda keluar. Tetap keluar?")) {
        ev.preventDefault();
      } else {
        localStorage.removeItem(ANTREAN);
      }
    });
  }

  window.addEventListener("online", kirimSemua);
  tampilkan();
  if (baca().length > 0) kirimSemua();
  setInterval(() => {
    if (baca().some((e) => e.status !== "ditolak")) kirimSemua();
  }, 30000);
})();
