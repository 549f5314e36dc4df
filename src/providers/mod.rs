//! Provider presets (Redox, Telesoft, Digitail, Updox, SMART) and their helpers.
