"""Progress over time: the chart page, its JSON API, the figures and plotly.js."""
