package io.fxhome.web.i18n;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the HTML4 pages and those the HTML5 app shares with them, as the {@code msg} bundle: {@code {msg:nav_tabs}}
 * in templates, {@link RequestLanguage#msg()} in Java, {@code t('nav_tabs')} in the app (which gets the same files, see
 * {@link AppMessages}). The texts are in {@code messages/msg_en.properties} (the default language) and
 * {@code msg_de.properties}; a method here is a key there, its parameters the message's placeholders. The app's own
 * words are {@link AppMsg}: Quarkus 3.34 generates a bundle of more than 300 messages into code that fails
 * verification at start ({@code Msg_Bundle.resolve_0} hands the next chunk the wrong argument), so no bundle may grow
 * past 300.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    String lang();

    String language_switch();

    String nav_tabs();

    String nav_inbox();

    String nav_history();

    String nav_bookmarks();

    String nav_devices_sync();

    String nav_devices();

    String nav_tokens();

    String search_label();

    String search_button();

    String foot_full();

    String foot_full_note();

    String hnav_pages();

    String hnav_day();

    String hnav_calendar();

    String hnav_sites();

    String hnav_search();

    String hnav_purge();

    String hnav_export_csv();

    String hnav_export_json();

    String story_link();

    String story_link_title();

    String untitled();

    String untitled_folder();

    String untitled_page();

    String sync_heading();

    String last_synced(String when);

    String sync_reauth();

    String sync_reauth_browser();

    String word_or();

    String sync_reauth_password();

    String sync_progress(String collection, String records);

    String sync_now();

    String your_devices();

    String no_devices();

    String unnamed_device();

    String device_tabs_updated(String tabs, String when);

    String stale();

    String stale_since(String day);

    String tab_timeline();

    String account_heading();

    String mozilla_account();

    String sign_out();

    String delete_confirm_label();

    String unlink_delete();

    String sync_state_syncing();

    String sync_state_queued();

    String sync_state_reauth();

    String sync_state_idle();

    String sync_state_never();

    String delete_tick_box();

    String notice_first_sync();

    String notice_sync_started();

    String lost_found_intro();

    String in_all(String count);

    String nothing_here();

    String keyword_label();

    String tags_label();

    String firefox_would_place();

    String listed_by();

    String lists_missing();

    String n_bookmarks(String count);

    String more();

    String health_report();

    String health_title();

    String health_checked(String count);

    String health_list_lost_and_found();

    String health_list_orphans();

    String health_list_multiple_parents();

    String health_list_missing_children();

    String health_list_duplicate_urls();

    String health_list_empty_folders();

    String n_items(String count);

    String lost_found_hint();

    String export_label();

    String export_bookmark_file();

    String folder_empty();

    String no_history();

    String older();

    String signed_in_as(String email);

    String signed_in();

    String tabs_title();

    String search_for();

    String nothing_matches();

    String source_keyword();

    String source_tab();

    String source_bookmark();

    String source_history();

    String updated(String when);

    String no_open_tabs();

    String no_tabs_yet();

    String previous_month();

    String next_month();

    String month_visits(String count);

    String on_this_day();

    String n_visits(String count);

    String calendar_summary();

    String previous_day();

    String next_day();

    String day_intro();

    String no_visits_day();

    String later_visits_day();

    String purge_title();

    String purge_copy_only();

    String purge_explain();

    String purge_done(String visits, String pages);

    String purge_range();

    String purge_from();

    String purge_before();

    String purge_range_button();

    String purge_site();

    String purge_host();

    String purge_site_button();

    String purge_copy_only_short();

    String hsearch_title();

    String hsearch_words();

    String hsearch_from();

    String hsearch_before();

    String no_visits_match();

    String older_visits();

    String all_sites();

    String no_site_pages();

    String older_pages();

    String sites_intro();

    String no_sites();

    String site_counts(String visits, String pages, String when);

    String more_sites();

    String not_web_address();

    String open_now();

    String no_device_open();

    String used(String when);

    String not_bookmarked();

    String word_in();

    String folder_not_had();

    String keyword_lower();

    String tags_lower();

    String visits_heading();

    String first_last(String first, String lastDay, String lastClock);

    String frecency();

    String site_label();

    String visits_per_month();

    String month_label();

    String inbox_intro();

    String inbox_empty();

    String inbox_new();

    String inbox_from(String sender, String when);

    String another_device();

    String mark_read();

    String delete();

    String back_to_fxhome();

    String signin_on_mozilla();

    String browser_returns();

    String browser_continue();

    String browser_intro();

    String browser_step1_open();

    String browser_step1_link();

    String browser_step1();

    String browser_step2();

    String browser_step3();

    String browser_step4();

    String browser_address_label();

    String continue_button();

    String browser_waits(String when);

    String start_again();

    String signin_password_instead();

    String confirm_it_is_you();

    String code_label();

    String confirm();

    String sign_in();

    String offered_basic();

    String use_full_anyway();

    String signin_intro();

    String password_mozilla_only();

    String signin_here_heading();

    String email_label();

    String password_label();

    String unblock_title();

    String unblock_code_label();

    String send_another_code();

    String signin_mozilla_instead();

    String tabs_open_then();

    String snapshot_when(String device, String asked, String day, String clock);

    String snapshot_until(String day, String clock);

    String snapshot_still_open();

    String this_device();

    String reopen_every_link();

    String no_tabs_were_open();

    String download_links();

    String as_json();

    String timeline();

    String timeline_intro(String device);

    String date_utc_label();

    String time_label();

    String show_tabs_then();

    String no_tab_changes();

    String n_tabs(String count);

    String all_open_tabs();

    String tokens_title();

    String tokens_heading();

    String tokens_intro_1();

    String tokens_intro_2();

    String tokens_intro_3();

    String new_token_label(String name);

    String token_name_label();

    String create_token();

    String your_tokens();

    String no_tokens();

    String token_created(String when);

    String token_last_used(String when);

    String token_never_used();

    String revoke_named(String name);

    String feeds_heading();

    String feeds_intro();

    String feeds_on_since(String when);

    String feeds_off();

    String feeds_copy_now();

    String feed_new_bookmarks();

    String feed_tabs_on(String device);

    String unnamed_device_lower();

    String feeds_renew();

    String feeds_turn_on();

    String feeds_turn_off();

    String inbox_marked_read();

    String inbox_deleted();

    String inbox_gone();

    String token_revoked();

    String feeds_turned_off();

    String token_not_found();

    String oauth_incomplete(String error);

    String account_deleted();

    String unblock_prompt();

    String unblock_resent();

    String time_never();

    String time_just_now();

    String ago_seconds(String n);

    String ago_minute();

    String ago_minutes(String n);

    String ago_hour();

    String ago_hours(String n);

    String ago_day();

    String ago_days(String n);

    String format_day();

    String format_date();

    String format_clock();

    String format_month();

    String skip_to_content();

    String nav_sections();

    String noscript();

    String use_basic();

    String basic_version();

    String unblock_emailed(String email);

    String source_inbox();

    String older_tokens();

    String send_title();

    String send_no_devices();

    String send_to();

    String send_button();

    String send_link();

    String send_link_title();

    String send_sent(String device);

    String send_your_device();

    String send_title_shortened();

    String device_name_heading();

    String device_name_intro();

    String device_name_label();

    String device_name_save();

    String device_name_saved(String name);

    String device_name_reset();

    String device_name_reset_done();

    String device_name_not_yet();

    String device_name_link();
}
