// Phone check-in: asks the browser for its position when a check-in button is pressed, puts it
// in the form and sends it. Without permission or a fix within 15 s the form goes without it
// (the check-in is then flagged "lokasi tidak terkirim").
(function () {
  var form = document.getElementById('form-hadir');
  if (!form || !navigator.geolocation) return;
  var dikirim = false;
  form.addEventListener('submit', function (e) {
    if (dikirim) return;
    e.preventDefault();
    var tombol = e.submitter;
    var status = document.getElementById('status-lokasi');
    if (status) status.textContent = 'Meminta lokasi ponsel…';
    var kirim = function () {
      dikirim = true;
      if (tombol && tombol.name) {
        var h = document.createElement('input');
        h.type = 'hidden'; h.name = tombol.name; h.value = tombol.value;
        form.appendChild(h);
      }
      form.submit();
    };
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('lintang').value = p.coords.latitude;
      document.getElementById('bujur').value = p.coords.longitude;
      kirim();
    }, kirim, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
  });
})();
