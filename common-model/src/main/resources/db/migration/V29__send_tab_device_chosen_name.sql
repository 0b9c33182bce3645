-- Issue 19: the name fxhome's device carries in the user's Firefox "Send to device" menus, chosen per account in the
-- web app. Null: the install's name (fxhome.send-tab.device-name). device_name stays what was last sent to Mozilla,
-- so the worker re-registers when the two differ. Mozilla's limit is 255 display-safe characters.
alter table send_tab_device add column chosen_name text check (chosen_name is null or length(chosen_name) between 1 and 255);
