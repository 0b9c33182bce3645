package io.fxhome.web.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.testsupport.ArbitraryText;

/**
 * {@link SearchQuery#parse} on arbitrary strings (see {@link ArbitraryText}): it either reads the query within its
 * bounds, or refuses it with the documented 400 {@code bad-request} problem (a NUL character), and never throws
 * anything else.
 */
class SearchQueryPropertiesTest {

    @Test
    void anyStringIsReadWithinBoundsOrRefusedAsBadRequest() {
        ArbitraryText.forAll(input -> {
            SearchQuery q;
            try {
                q = SearchQuery.parse(input);
            } catch (Problem p) {
                assertThat(p.status()).isEqualTo(400);
                assertThat(p.code()).isEqualTo("bad-request");
                assertThat(input).contains("\0");
                return;
            }
            assertThat(input).doesNotContain("\0");
            assertThat(q.words()).hasSizeLessThanOrEqualTo(SearchQuery.MAX_WORDS).doesNotHaveDuplicates()
                    .allSatisfy(w -> assertThat(w).isNotEmpty().hasSizeLessThanOrEqualTo(SearchQuery.MAX_WORD_LENGTH));
            assertThat(q.text()).hasSizeLessThanOrEqualTo(SearchQuery.MAX_TEXT_LENGTH);
            assertThat(q.typed()).hasSizeLessThanOrEqualTo(SearchQuery.MAX_TEXT_LENGTH);
            assertThat(q.isEmpty()).isEqualTo(q.words().isEmpty() && q.restrictions().isEmpty());
            q.afterFirstWord(); // what a keyword fills in: never throws either
        });
    }

    @Test
    void aNulAnywhereIsRefused() {
        for (String q : new String[] { "\0", "bread\0", "\0 bread", "^ \0", "a b c d e f g h i j \0" }) {
            assertThatThrownBy(() -> SearchQuery.parse(q)).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.code()).isEqualTo("bad-request"));
        }
    }
}
