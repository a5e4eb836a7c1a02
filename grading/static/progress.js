// Draws the progress heatmap from the figure the page carries as JSON data, so the
// pages need no inline script and their Content-Security-Policy can forbid it.
document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("progress-heatmap-data");
  if (!data) return;
  var figure = JSON.parse(data.textContent);
  Plotly.newPlot("progress-heatmap", figure.data, figure.layout, { responsive: true, displaylogo: false });
});
