namespace AtlassianSimulator.Model;

public enum ContentType { Page, BlogPost, Whiteboard, FooterComment, InlineComment, Attachment }
