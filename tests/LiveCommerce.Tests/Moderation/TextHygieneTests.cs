using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Moderation;
using LiveCommerce.LiveHost.Errors;

namespace LiveCommerce.Tests.Moderation;

public sealed class TextHygieneTests
{
    [Theory]
    [InlineData("nul\u0000byte")]
    [InlineData("bell\u0007")]
    [InlineData("esc\u001b[31m")]
    [InlineData("gnp.exe\u202Egnp")]
    [InlineData("isolate\u2066x\u2069")]
    [InlineData("line\nbreak")]
    public void Control_and_bidi_characters_are_refused(string text)
    {
        var e = Assert.Throws<LiveCommerceException>(() => TextHygiene.Clean(text, "name"));
        Assert.Equal(ErrorCodes.InvalidArgument, e.Code);
    }

    [Fact]
    public void Invisible_characters_are_stripped_text_is_nfc_and_comments_keep_newlines()
    {
        Assert.Equal("RealHost", TextHygiene.Clean("Real\u200BHo\u00ADst\uFEFF", "name"));
        Assert.Equal("caf\u00e9", TextHygiene.Clean("cafe\u0301", "name"));
        Assert.Equal("two\nlines", TextHygiene.Clean("two\r\nlines", "comment", allowNewlines: true));
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
        Assert.Equal(family, TextHygiene.Clean(family, "comment"));
        Assert.Equal("ab", TextHygiene.Clean("a\u200Db", "comment"));
    }

    [Fact]
    public void Piles_of_combining_marks_are_refused_but_real_accents_pass()
    {
        Assert.Equal("Ngh\u1ec7", TextHygiene.Clean("Ngh\u1ec7", "name"));
        Assert.Equal("a\u0301\u0302\u0303".Normalize(), TextHygiene.Clean("a\u0301\u0302\u0303", "name"));
        Assert.Throws<LiveCommerceException>(() => TextHygiene.Clean("z" + new string('\u0301', 300), "name"));
    }
}

public sealed class BlockedWordsTests
{
    private readonly BlockedWords _words = new(["spam", "buy now"]);

    [Theory]
    [InlineData("this is spam")]
    [InlineData("SPAM!")]
    [InlineData("sp\u200Bam")]
    [InlineData("\u0455pam")]
    [InlineData("ｓｐａｍ")]
    [InlineData("sp\u00ADam")]
    [InlineData("s\u0301pa\u0300m")]
    [InlineData("s p a m")]
    [InlineData("s.p.a.m")]
    [InlineData("BUY  now")]
    [InlineData("b u y now")]
    public void Disguised_blocked_words_are_seen(string text) => Assert.True(_words.Matches(text), text);

    [Theory]
    [InlineData("spammer")]
    [InlineData("a spa moment")]
    [InlineData("buy it now")]
    [InlineData("hello")]
    public void Other_words_pass(string text) => Assert.False(_words.Matches(text), text);
}
