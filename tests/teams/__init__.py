"""Teams (issue 16): making and joining teams, meetings in pairs, the team circle and intervisie."""
