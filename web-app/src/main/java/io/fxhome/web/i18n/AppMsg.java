package io.fxhome.web.i18n;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words only the HTML5 app shows ({@code app_*}) and those looked up by a code at run time ({@code problem_<code>},
 * {@code verify_<method>}, {@code lost_reason_}, {@code root_}, {@code collection_}), as the {@code app} bundle in
 * {@code messages/app_en.properties} and {@code app_de.properties}
 * (see {@link Msg} for why it is a bundle of its own). The app and {@link Catalog} read them with the {@code msg} files.
 */
@MessageBundle(value = "app", locale = "en")
public interface AppMsg {

    String collection_clients();

    String collection_tabs();

    String collection_bookmarks();

    String collection_history();

    String collection_data();

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

    String app_open_signin_page();

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

    String problem_not_sendable();

    String problem_not_sendable_detail();

    String problem_unknown_device();

    String problem_unknown_device_detail();

    String problem_device_cannot_receive();

    String problem_device_cannot_receive_detail();

    String problem_device_keys_stale();

    String problem_device_keys_stale_detail();

    String problem_send_rate_limited();

    String problem_send_rate_limited_detail(String seconds);

    String problem_throttled();

    String problem_throttled_detail();

    String problem_upstream_unavailable();

    String problem_upstream_unavailable_detail();

    String problem_invalid_device_name();

    String problem_invalid_device_name_detail();

    String problem_not_registered();

    String problem_not_registered_detail();

    String problem_internal();

    String app_search_label();

    String app_search_placeholder();

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

    String verify_email_otp();

    String verify_email();

    String verify_email_2fa();

    String verify_email_captcha();

    String verify_totp_2fa();

    String verify_unknown();

    String app_source_inbox();

    String app_inbox_intro();

    String app_inbox_arrived();

    String app_more_tokens();

    String app_send_to_device(String title);

    String app_send_loading();

    String app_sending();

    String app_cancel();
}
