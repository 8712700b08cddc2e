// placeholder until the demo generator lands
