{%- extends 'nbgrader/gradebook_notebook_submissions.tpl' -%}
{#- Red School: values through desk.js (base.tpl); the button is wired in desk.js, not onclick. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/gradebook_notebook_submissions.js"></script>
<script src="{{ base_url }}/formgrader/static/desk/names.js"></script>
{#- No scores on the desk (overall, code, written, task: columns 3 to 6): a reflection's point
    means "reviewed" and exercises are practice; "Needs Manual Grade?" says what is left to read. -#}
<style>
  table th:nth-child(n+3):nth-child(-n+6), table td:nth-child(n+3):nth-child(-n+6) { display: none; }  /* DataTables may copy the header into a table of its own */
</style>
{%- endblock head -%}
{#- Red School: no "Show All Names" button: names always show (static/desk/names.js). -#}
{%- block messages -%}
{%- endblock -%}
{#- Red School: the unit by its title (grading/units.py), not its id. -#}
{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li><a href="{{ base_url }}/formgrader/gradebook">Manual Grading</a></li>
  <li><a class="rs-unit" href="{{ base_url }}/formgrader/gradebook/{{ assignment_id | urlencode }}">{{ assignment_id | unit_title }}</a></li>
  <li class="active">{{ assignment_id | notebook_label(notebook_id) }}</li>
</ol>
{%- endblock -%}
