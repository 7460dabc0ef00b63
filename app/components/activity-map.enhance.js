// Progressive enhancement for the finder's map view (app/components/activity-map.tsx).
// A plain browser script, served as a file (no bundling, no hydration): it runs
// only after Leaflet's own script, and only in the map view. Without it, or
// without tiles, the server-rendered list below the map stays the content.
(function () {
  "use strict";
  var el = document.getElementById("finder-map");
  var L = window.L;
  if (!el || !L) return;
  var config;
  try {
    config = JSON.parse(el.getAttribute("data-map") || "{}");
  } catch {
    return;
  }
  el.hidden = false;
  var tools = document.getElementById("finder-map-tools");
  if (tools) tools.hidden = false;
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 17, minZoom: 4 }).addTo(map);
  var bounds = [];
  (config.points || []).forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], { radius: 9, color: "#0b3d91", weight: 2, fillColor: "#1f6feb", fillOpacity: 0.85 }).addTo(map);
    var link = document.createElement("a");
    link.href = p.href;
    link.textContent = p.title;
    if (p.lang) link.lang = p.lang;
    marker.bindPopup(link);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [32, 32], maxZoom: 14 });
  else map.setView([64.5, 12], 4);

  var form = document.getElementById("finder-form");
  var status = document.getElementById("finder-map-status");
  var chosen = null;
  function choose(lat, lon) {
    if (!form) return;
    var latField = form.querySelector('[name="lat"]');
    var lonField = form.querySelector('[name="lon"]');
    var sortField = form.querySelector('[name="sort"]');
    if (latField) latField.value = lat.toFixed(4);
    if (lonField) lonField.value = lon.toFixed(4);
    if (sortField) sortField.value = "distance";
    if (chosen) chosen.remove();
    chosen = L.circleMarker([lat, lon], { radius: 6, color: "#b42318", weight: 3, fillOpacity: 0.2 }).addTo(map);
    if (status) status.textContent = config.pointChosen || "";
  }
  map.on("click", function (e) {
    choose(e.latlng.lat, e.latlng.lng);
  });
  var locate = document.getElementById("finder-use-location");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        choose(pos.coords.latitude, pos.coords.longitude);
        map.setView([pos.coords.latitude, pos.coords.longitude], 12);
      });
    });
  }
})();
