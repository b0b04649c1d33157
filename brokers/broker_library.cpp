// Anchors the strike_brokers library; broker code lives in this folder's subfolders.
