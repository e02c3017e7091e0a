// Small helpers for the admin screens; every screen also works without them.
document.addEventListener("submit", (e) => {
  const f = e.target;
  if (f.dataset && f.dataset.yakin && !window.confirm(f.dataset.yakin)) e.preventDefault();
});
document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest(".cetak-halaman")) window.print();
});
// Article editor: the buttons wrap the selected text in the simple tags the site keeps.
for (const alat of document.querySelectorAll(".alat-tulis")) {
  const ta = document.getElementById(alat.dataset.untuk);
  if (!ta) continue;
  alat.hidden = false;
  alat.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-tag]");
    if (!b) return;
    const [a, z] = [ta.selectionStart, ta.selectionEnd];
    const pilih = ta.value.slice(a, z) || "teks";
    const tag = b.dataset.tag;
    let isi;
    if (tag === "li") {
      isi = "<ul>\n" + pilih.split("\n").filter((l) => l.trim()).map((l) => `<li>${l.trim()}</li>`).join("\n") + "\n</ul>";
    } else if (tag === "a") {
      const url = window.prompt("Alamat tautan (diawali https://):", "https://");
      if (!url || !/^https?:\/\//.test(url)) return;
      isi = `<a href="${url.replace(/"/g, "%22")}">${pilih}</a>`;
    } else {
      isi = `<${tag}>${pilih}</${tag}>`;
    }
    ta.setRangeText(isi, a, z, "end");
    ta.focus();
  });
}
// Menu sections: opening one closes the others; a click elsewhere closes them all.
document.addEventListener("click", (e) => {
  for (const d of document.querySelectorAll("nav.menu-desa details[open]")) {
    if (!d.contains(e.target)) d.open = false;
  }
});
// Counter: find the applicant by name as well as NIK. Suggestions come from a POST (no name in
// a URL); picking one fills the NIK.
for (const input of document.querySelectorAll("input[data-cari-penduduk]")) {
  const daftar = document.getElementById(input.getAttribute("aria-controls"));
  const form = input.form;
  const csrf = form && form.querySelector('input[name="_csrf"]');
  const id = form && form.querySelector('input[name="penduduk_id"]');
  const pilihan = document.getElementById("pemohon-terpilih");
  let jeda = null;
  let urutan = 0;
  const tutup = () => { daftar.hidden = true; daftar.replaceChildren(); };
  input.addEventListener("input", () => {
    clearTimeout(jeda);
    const q = input.value.trim();
    if (id) id.value = "";
    if (q.length < 3 || /^\d{16}$/.test(q)) { tutup(); return; }
    jeda = setTimeout(async () => {
      const ini = ++urutan;
      const badan = new URLSearchParams({ _csrf: csrf ? csrf.value : "", q });
      const r = await fetch(input.dataset.cariPenduduk, { method: "POST", body: badan, credentials: "same-origin" });
      if (!r.ok || ini !== urutan) return;
      const orang = await r.json();
      daftar.replaceChildren();
      if (orang.length === 0) {
        const li = document.createElement("li");
        li.textContent = "Tidak ada penduduk aktif dengan nama atau NIK itu.";
        daftar.append(li);
      }
      for (const p of orang) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        const b = document.createElement("button");
        b.type = "button";
        b.className = "kedua";
        const nama = document.createElement("strong");
        nama.textContent = p.nama;
        const rinci = document.createElement("span");
        rinci.className = "kecil";
        rinci.textContent = ` NIK ${p.nik} · lahir ${p.lahir} · ${p.alamat}`;
        b.append(nama, rinci);
        b.addEventListener("click", () => {
          input.value = p.nik;
          if (id) id.value = p.id;
          if (pilihan) pilihan.textContent = `Pemohon: ${p.nama} — lahir ${p.lahir}, ${p.alamat}`;
          tutup();
          input.focus();
        });
        li.append(b);
        daftar.append(li);
      }
      daftar.hidden = false;
    }, 250);
  });
  input.addEventListener("keydown", (e) => { if (e.key === "Escape") tutup(); });
}
// Proof of receipt signed on the screen: the recipient signs with a finger, and the drawing is
// sent as a PNG in the form's file field when no photo was chosen. Without script, the photo.
for (const kanvas of document.querySelectorAll("canvas[data-tanda-tangan]")) {
  const berkas = document.getElementById(kanvas.dataset.tandaTangan);
  const kotak = kanvas.closest(".tanda-tangan");
  if (!berkas || !kotak || typeof DataTransfer === "undefined") continue;
  kotak.hidden = false;
  const c = kanvas.getContext("2d");
  c.lineWidth = 3;
  c.lineCap = "round";
  let gores = false;
  let ada = false;
  const titik = (e) => {
    const r = kanvas.getBoundingClientRect();
    return [(e.clientX - r.left) * (kanvas.width / r.width), (e.clientY - r.top) * (kanvas.height / r.height)];
  };
  kanvas.addEventListener("pointerdown", (e) => {
    gores = true;
    kanvas.setPointerCapture(e.pointerId);
    c.beginPath();
    c.moveTo(...titik(e));
  });
  kanvas.addEventListener("pointermove", (e) => {
    if (!gores) return;
    c.lineTo(...titik(e));
    c.stroke();
    ada = true;
  });
  const henti = () => {
    if (!gores) return;
    gores = false;
    if (!ada) return;
    kanvas.toBlob((b) => {
      if (!b || (berkas.files.length && berkas.files[0].name !== "tanda-tangan.png")) return;
      const dt = new DataTransfer();
      dt.items.add(new File([b], "tanda-tangan.png", { type: "image/png" }));
      berkas.files = dt.files;
    }, "image/png");
  };
  kanvas.addEventListener("pointerup", henti);
  kanvas.addEventListener("pointercancel", henti);
  const hapus = kotak.querySelector("button[data-hapus]");
  if (hapus) hapus.addEventListener("click", () => {
    c.clearRect(0, 0, kanvas.width, kanvas.height);
    ada = false;
    if (berkas.files.length && berkas.files[0].name === "tanda-tangan.png") berkas.value = "";
  });
}
