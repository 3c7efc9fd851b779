"""The kiosk's own screens: "Still playing?", the time cap's winding down, the visit choice."""
