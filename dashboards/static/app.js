// soj-tracker pages: optional enhancements. Every number is already on the page in a table;
// this draws charts (Chart.js) and the map (d3-geo + topojson) from those tables. Nothing
// here is needed to read or use a page.
(function () {
  'use strict';

  var PALETTE = ['#1f4e79', '#b03a2e', '#6c3483', '#1e8449', '#9a7d0a'];

  function cellNumber(cell) {
    var raw = cell.getAttribute('data-value');
    if (raw === null) raw = cell.textContent.replace(/[^0-9.-]/g, '');
    var n = Number(raw);
    return isFinite(n) ? n : 0;
  }

  function readTable(table) {
    var heads = table.querySelectorAll('thead th');
    var series = [];
    for (var i = 1; i < heads.length; i++) series.push({ label: heads[i].textContent, data: [] });
    var labels = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var th = row.querySelector('th');
      // ISO dates (data-label="2024-03-31") read better on an axis as months: 2024-03.
      var label = th ? (th.getAttribute('data-label') || th.textContent) : '';
      labels.push(/^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(0, 7) : label);
      row.querySelectorAll('td').forEach(function (td, j) {
        if (series[j]) series[j].data.push(cellNumber(td));
      });
    });
    return { labels: labels, series: series };
  }

  function drawChart(holder) {
    if (typeof window.Chart !== 'function') return;
    var table = document.getElementById(holder.getAttribute('data-chart-table'));
    if (!table) return;
    var data = readTable(table);
    var stacked = holder.getAttribute('data-chart-type') === 'stacked';
    var canvas = document.createElement('canvas');
    holder.appendChild(canvas);
    holder.classList.add('drawn');
    new window.Chart(canvas, {
      type: stacked ? 'bar' : 'line',
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          var color = PALETTE[i % PALETTE.length];
          return { label: s.label, data: s.data, backgroundColor: color, borderColor: color,
                   pointRadius: stacked ? 0 : 2, fill: false };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: data.series.length > 1, position: 'bottom' } },
        scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } }
      }
    });
  }

  // ISO 3166-1 numeric (world-atlas ids) for the countries in the platform's scope.
  var NUMERIC = {
    AD: '020', AL: '008', AM: '051', AT: '040', AZ: '031', BA: '070', BE: '056', BG: '100',
    BY: '112', CH: '756', CY: '196', CZ: '203', DE: '276', DK: '208', EE: '233', ES: '724',
    FI: '246', FR: '250', GB: '826', GE: '268', GR: '300', HR: '191', HU: '348', IE: '372',
    IS: '352', IT: '380', LI: '438', LT: '440', LU: '442', LV: '428', MC: '492', MD: '498',
    ME: '499', MK: '807', MT: '470', NL: '528', NO: '578', PL: '616', PT: '620', RO: '642',
    RS: '688', RU: '643', SE: '752', SI: '705', SK: '703', SM: '674', TR: '792', UA: '804'
  };
  var SVG = 'http://www.w3.org/2000/svg';

  function shade(value, max) {
    // From #e8eef5 (none) to #0b2e59 (most): dark enough for the white focus ring to show.
    var t = max > 0 ? Math.sqrt(value / max) : 0;
    var from = [232, 238, 245], to = [11, 46, 89];
    var rgb = from.map(function (c, i) { return Math.round(c + (to[i] - c) * t); });
    return 'rgb(' + rgb.join(',') + ')';
  }

  // world-atlas draws Crimea as part of Russia; the Council of Europe recognises it as part
  // of Ukraine, and so does this map.
  function reassignCrimea(countries) {
    var ru = countries.find(function (f) { return f.id === '643'; });
    var ua = countries.find(function (f) { return f.id === '804'; });
    if (!ru || !ua || ru.geometry.type !== 'MultiPolygon') return;
    var keep = [];
    ru.geometry.coordinates.forEach(function (polygon) {
      var c = window.d3.geoCentroid({ type: 'Polygon', coordinates: polygon });
      if (c[0] > 32 && c[0] < 37 && c[1] > 44 && c[1] < 46.5) {
        if (ua.geometry.type === 'Polygon') {
          ua.geometry = { type: 'MultiPolygon', coordinates: [ua.geometry.coordinates] };
        }
        ua.geometry.coordinates.push(polygon);
      } else {
        keep.push(polygon);
      }
    });
    ru.geometry.coordinates = keep;
  }

  function drawMap(holder) {
    if (!window.d3 || !window.d3.geoPath || !window.topojson) return;
    var table = document.getElementById(holder.getAttribute('data-map-table'));
    if (!table) return;
    var byNumeric = {}, max = 0;
    table.querySelectorAll('tbody tr[data-country]').forEach(function (row) {
      var code = row.getAttribute('data-country');
      var value = Number(row.getAttribute('data-value')) || 0;
      var link = row.querySelector('a');
      max = Math.max(max, value);
      if (NUMERIC[code]) {
        byNumeric[NUMERIC[code]] = { code: code, value: value, name: row.querySelector('th').textContent,
                                     href: link ? link.getAttribute('href') : '/alerts?country=' + code };
      }
    });
    fetch(holder.getAttribute('data-topology'), { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('map data ' + r.status); return r.json(); })
      .then(function (topology) {
        var width = 800, height = 640;
        var countries = window.topojson.feature(topology, topology.objects.countries).features;
        reassignCrimea(countries);
        // Fit the European parts of the countries in scope: not French Guiana or Réunion,
        // and Russia only up to the Urals (its Asian part would shrink Europe to a corner).
        var fit = [];
        countries.forEach(function (f) {
          if (!byNumeric[f.id] || !f.geometry) return;
          var polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
          polygons.forEach(function (polygon) {
            var part = { type: 'Feature', geometry: { type: 'Polygon', coordinates: polygon } };
            var c = window.d3.geoCentroid(part);
            if (c[0] > -30 && c[0] < 60 && c[1] > 30 && c[1] < 72) fit.push(part);
          });
        });
        fit.push({ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[58, 50], [58, 66]] } });
        var projection = window.d3.geoConicConformal().rotate([-15, 0]).parallels([40, 62])
          .fitExtent([[10, 10], [width - 10, height - 10]], { type: 'FeatureCollection', features: fit })
          .clipExtent([[0, 0], [width, height]]);
        var path = window.d3.geoPath(projection);
        var svg = document.createElementNS(SVG, 'svg');
        svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
        svg.setAttribute('class', 'map-svg');
        countries.forEach(function (feature) {
          var d = path(feature);
          if (!d) return;
          var info = byNumeric[feature.id];
          var shape = document.createElementNS(SVG, 'path');
          shape.setAttribute('d', d);
          if (!info) {
            shape.setAttribute('class', 'outside');
            svg.appendChild(shape);
            return;
          }
          shape.setAttribute('fill', shade(info.value, max));
          var title = document.createElementNS(SVG, 'title');
          title.textContent = info.name + ': ' + info.value;
          var link = document.createElementNS(SVG, 'a');
          link.setAttribute('href', info.href);
          link.setAttribute('data-country', info.code);
          link.appendChild(title);
          link.appendChild(shape);
          svg.appendChild(link);
        });
        holder.appendChild(svg);
        holder.classList.add('drawn');
      })
      .catch(function () { /* the table below carries the same numbers */ });
  }

  document.querySelectorAll('[data-chart-table]').forEach(drawChart);
  document.querySelectorAll('[data-map-table]').forEach(drawMap);
})();
