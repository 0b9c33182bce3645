package io.fxhome.web.i18n;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every string of the HTML4 pages and the HTML5 app, as the {@code msg} bundle: {@code {msg:nav_tabs}} in templates,
 * {@link RequestLanguage#msg()} in Java, {@code t('nav_tabs')} in the app (which gets the same files, see
 * {@link AppMessages}). The texts are in {@code messages/msg_en.properties} (the default language) and
 * {@code msg_de.properties}; a method here is a key there, its parameters the message's placeholders.
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

    String collection_clients();

    String collection_tabs();

    String collection_bookmarks();

    String collection_history();

    String collection_data();

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

    String lost_reason_parent_missing(String parent);

    String lost_reason_parent_missing_listed_elsewhere(String parent);

    String lost_reason_no_parent();

    String lost_reason_outside_roots();

    String lost_reason_cycle();

    String lost_reason_not_listed();

    String lost_reason_listed_elsewhere();

    String root_toolbar();

    String root_menu();

    String root_unfiled();

    String root_mobile();

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

    String problem_not_signed_in();

    String problem_not_signed_in_detail();

    String problem_not_found();

    String problem_bad_request();

    String problem_csrf();

    String problem_csrf_detail();

    String problem_invalid_email();

    String problem_invalid_email_detail();

    String problem_invalid_password();

    String problem_invalid_password_detail();

    String problem_unknown_account();

    String problem_unknown_account_detail();

    String problem_incorrect_password();

    String problem_incorrect_password_detail();

    String problem_incorrect_email_case();

    String problem_incorrect_email_case_detail();

    String problem_blocked();

    String problem_blocked_detail();

    String problem_browser_check();

    String problem_browser_check_detail();

    String problem_no_password();

    String problem_no_password_detail();

    String problem_invalid_code();

    String problem_invalid_code_detail();

    String problem_invalid_unblock_code();

    String problem_invalid_unblock_code_detail();

    String problem_sign_in_expired();

    String problem_sign_in_expired_detail();

    String problem_sign_in_busy();

    String problem_sign_in_busy_detail();

    String problem_state_mismatch();

    String problem_state_mismatch_detail();

    String problem_key_mismatch();

    String problem_key_mismatch_detail();

    String problem_upstream_unreachable();

    String problem_upstream_unreachable_detail();

    String problem_sync_rate_limited();

    String problem_sync_rate_limited_detail(String seconds);

    String problem_needs_reauth();

    String problem_needs_reauth_detail();

    String problem_queue_unavailable();

    String problem_queue_unavailable_detail();

    String problem_upstream_error();

    String problem_internal();

    String skip_to_content();

    String app_search_label();

    String app_search_placeholder();

    String nav_sections();

    String noscript();

    String use_basic();

    String basic_version();

    String app_story();

    String app_story_of(String title);

    String app_not_web_address();

    String app_today();

    String app_yesterday();

    String app_stale_since(String when);

    String app_nothing_here();

    String app_go_to_tabs();

    String app_went_wrong();

    String app_try_again();

    String app_signin_error_state_mismatch();

    String app_signin_error_oauth_cancelled();

    String app_signin_error_expired();

    String app_signin_failed();

    String app_reauth();

    String app_reauth_browser();

    String app_reauth_password();

    String app_back();

    String app_signin_password_button();

    String app_signing_in();

    String app_signin_title();

    String app_signin_intro();

    String app_browser_step1();

    String app_browser_step2();

    String app_browser_step3();

    String app_unblock_resent();

    String app_code_resent();

    String app_send_code_again();

    String app_waiting_first_sync();

    String app_downloading_title();

    String app_first_sync_done();

    String app_see_tabs();

    String app_first_sync_finished();

    String app_downloading(String what);

    String app_sync_progress();

    String app_records_so_far(String count);

    String app_sync_retried(String reason);

    String app_device();

    String app_pinned();

    String app_inactive();

    String app_used(String when);

    String app_load_more();

    String app_all_history();

    String app_bookmark_file();

    String app_breadcrumb();

    String app_query();

    String app_search_help();

    String app_source_tab();

    String app_source_bookmark();

    String app_source_history();

    String app_source_keyword();

    String app_results_for(String q);

    String app_visited(String when);

    String app_n_results(String count);

    String app_sync_started();

    String app_last_synced(String when);

    String app_last_attempt(String outcome);

    String app_downloading_records(String what, String count);

    String app_delete_confirm();

    String app_account_sso();

    String app_choose_device(String link);

    String app_devices_page();

    String app_open_at_moment();

    String app_what_was_open();

    String app_show();

    String app_older_changes();

    String app_one_tab();

    String app_changes_newest();

    String app_open_at(String when);

    String app_from_until(String from, String until);

    String app_from_until_now(String from);

    String app_reopen_all();

    String app_list_of_links();

    String app_open_then();

    String app_timeline_later();

    String app_token_created();

    String app_revoke_token(String name);

    String app_revoke();

    String app_revoke_confirm(String name);

    String app_token_created_at(String when);

    String app_tokens_revoke_unused();

    String app_feeds_renew_confirm();

    String app_feeds_made();

    String app_feeds_off();

    String app_feeds_on(String when);

    String app_feeds_off_state();

    String app_inbox_from(String sender, String when);

    String app_hnav_purge();

    String app_history_views();

    String app_n_shown(String count);

    String app_day_intro();

    String app_visits_in(String count, String month);

    String app_site_counts(String visits, String pages, String when);

    String app_page_counts(String visits, String when);

    String app_purge_site_confirm(String host);

    String app_purge_range_confirm(String from, String to);

    String app_purge_copy_only();

    String app_from();

    String app_to_included();

    String app_site_example();

    String app_purge_title();

    String app_purge_scope();

    String app_export_visits();

    String app_first(String day);

    String app_last(String when);

    String app_frecency(String value);
}
