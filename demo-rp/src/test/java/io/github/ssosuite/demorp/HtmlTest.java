package io.github.ssosuite.demorp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void jsStringCannotCloseTheScriptElement() {
        assertThat(Html.jsString("</script><script>alert(1)</script>"))
                .isEqualTo("\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"");
    }

    @Test
    void jsStringEscapesQuotesBackslashesAndLineBreaks() {
        assertThat(Html.jsString("a\"b\\c\nd\u2028e")).isEqualTo("\"a\\\"b\\\\c\\nd\\u2028e\"");
        assertThat(Html.jsString(null)).isEqualTo("null");
    }
}
