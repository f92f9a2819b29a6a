using Tykky.Builder.Reporting;

namespace Tykky.Builder.Tests;

/// <summary>The one-line live view of a package manager's output on a terminal.</summary>
public class ProgressLineSpecs
{
    public sealed record Case(string Name, string Line, int Width, string Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Rows() =>
    [
        new("A short line is shown as it is", "Collecting numpy", 80, "Collecting numpy"),
        new("Surrounding spaces are trimmed", "   Installing collected packages  ", 80, "Installing collected packages"),
        new("A long line is cut to the width minus one, with an ellipsis", "abcdefghijklmnopqrstuvwxyz0123456789", 30, "abcdefghijklmnopqrstuvwxyz01…"),
        new("A line of exactly width-1 characters is kept", new string('x', 29), 30, new string('x', 29)),
        new("Colours and other escape sequences are dropped", "\x1b[1;32mdone\x1b[0m solving", 80, "done solving"),
        new("Only the text after the last carriage return is shown", "10%\r50%\r100% downloaded", 80, "100% downloaded"),
        new("Tabs become spaces and other controls vanish", "a\tb\u0007c", 80, "a bc"),
        // Tiny or unknown widths still get a usable view.
        new("A width below 20 counts as 20", "abcdefghijklmnopqrstuvwxyz", 5, "abcdefghijklmnopqr…"),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Format_matches_the_row(Case row) => Assert.Equal(row.Expected, ProgressLine.Format(row.Line, row.Width));

    [Fact]
    public void On_a_terminal_the_view_is_rewritten_in_place_and_cleared_but_every_line_is_logged()
    {
        // Arrange
        var output = new StringWriter();
        var log = new StringWriter();
        var reporter = new Reporter(LogLevel.Info, output, new StringWriter(), terminalWidth: 80);
        reporter.AttachLog(log);

        // Act
        reporter.Progress("Collecting a");
        reporter.Progress("Collecting b");
        reporter.EndProgress();
        reporter.Info("next");

        // Assert
        Assert.Equal("\r\x1b[2KCollecting a\r\x1b[2KCollecting b\r\x1b[2K[ INFO ] next\n", output.ToString().Replace("\r\n", "\n"));
        Assert.Equal("Collecting a\nCollecting b\n[ INFO ] next\n", log.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Without_a_terminal_the_lines_are_printed_indented()
    {
        var output = new StringWriter();
        var reporter = new Reporter(LogLevel.Info, output, new StringWriter());

        reporter.Progress("Collecting a");
        reporter.EndProgress();

        Assert.Equal("    Collecting a\n", output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void At_the_error_level_nothing_of_it_is_shown()
    {
        var output = new StringWriter();
        var reporter = new Reporter(LogLevel.Error, output, new StringWriter(), terminalWidth: 80);

        reporter.Progress("Collecting a");
        reporter.EndProgress();

        Assert.Equal("", output.ToString());
    }
}
