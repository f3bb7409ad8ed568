"""Read queries of the Human Capital Agenda: the forecast per occupation (forecast), the skills heatmap (skills),
the published forecasts beside ours (published) and the office's lists (setup). Each is a constant number of
queries however many partners, occupations and rounds there are."""
